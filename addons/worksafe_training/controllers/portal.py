import base64

from werkzeug.urls import url_encode

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class WorksafeTrainingPortal(CustomerPortal):
    """Contractor staff and their company's portal users: certificates, authorisations,
    training and exam results, and certificate scans uploaded for verification.

    Records are searched as the portal user (access rules keep each contractor company to its
    own people) and only then read as superuser to render names of related HR records."""

    def _worksafe_employees(self):
        """The people the current portal user may see: their own employee record, or every
        person of their contractor company for the company's contact."""
        user = request.env.user
        Employee = request.env["hr.employee"].sudo()
        own = Employee.search([("user_id", "=", user.id)])
        if own:
            return own
        partner = user.commercial_partner_id
        if not partner.is_company:
            return Employee
        return Employee.search([("worksafe_contractor_id", "=", partner.id)])

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "worksafe_qualification_count" in counters:
            values["worksafe_qualification_count"] = request.env[
                "worksafe.authorisation"].search_count([]) if request.env[
                "worksafe.authorisation"].has_access("read") else 0
        return values

    def _worksafe_values(self, employees, **extra):
        env = request.env
        domain = Domain("employee_id", "in", employees.ids)
        auths = env["worksafe.authorisation"].search(domain)
        attempts = env["worksafe.training.attempt"].search(domain)
        submissions = env["worksafe.certificate.submission"].search(domain)
        certificates = env["hr.employee.skill"].sudo().search(
            domain & Domain("skill_type_id.worksafe_kind", "!=", False),
            order="employee_id, valid_to desc")
        skills = env["hr.skill"].sudo().search([("skill_type_id.worksafe_kind", "!=", False)])
        return dict(
            page_name="worksafe_qualifications", employees=employees,
            authorisations=auths.sudo(), attempts=attempts.sudo(),
            submissions=submissions.sudo(), certificates=certificates, skills=skills,
            today=fields.Date.context_today(auths), **extra)

    @http.route("/my/qualifications", type="http", auth="user", website=True)
    def portal_my_qualifications(self, **kw):
        employees = self._worksafe_employees()
        values = self._prepare_portal_layout_values()
        values.update(self._worksafe_values(employees, message=kw.get("message"),
                                            error=kw.get("error")))
        return request.render("worksafe_training.portal_my_qualifications", values)

    @http.route("/my/qualifications/upload", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_upload_certificate(self, employee_id=None, skill_id=None, number=None,
                                  valid_from=None, valid_to=None, scan=None, **kw):
        employees = self._worksafe_employees()
        try:
            employee = employees.filtered(lambda e: e.id == int(employee_id or 0))
            skill = request.env["hr.skill"].sudo().browse(int(skill_id or 0)).exists()
            if not employee or not skill or not skill.skill_type_id.worksafe_kind:
                raise ValidationError(request.env._("Choose the person and the certificate."))  # noqa: TRY301
            if not scan or not getattr(scan, "filename", None):
                raise ValidationError(request.env._("Attach the scan of the certificate."))  # noqa: TRY301
            data = scan.read()
            if not data or len(data) > 10 * 1024 * 1024:
                raise ValidationError(request.env._("The scan must be a file up to 10 MB."))  # noqa: TRY301
            attachment = request.env["ir.attachment"].sudo().create({
                "name": scan.filename, "datas": base64.b64encode(data),
                "res_model": "worksafe.certificate.submission"})
            submission = request.env["worksafe.certificate.submission"].sudo().create({
                "employee_id": employee.id, "skill_id": skill.id, "number": number,
                "valid_from": fields.Date.to_date(valid_from),
                "valid_to": fields.Date.to_date(valid_to) if valid_to else False,
                "attachment_ids": [fields.Command.set(attachment.ids)],
            })
            attachment.res_id = submission.id
        except (ValidationError, ValueError) as error:
            message = error.args[0] if error.args else str(error)
            return request.redirect("/my/qualifications?" + url_encode({"error": message}))
        return request.redirect("/my/qualifications?message=uploaded")
