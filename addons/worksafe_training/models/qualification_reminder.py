from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models


class WorksafeQualificationReminder(models.AbstractModel):
    """The daily job: activities (and a mail to the contractor) for certificates and
    authorisations expiring within the configured horizon. Each item is reminded once."""

    _name = "worksafe.qualification.reminder"
    _description = "Qualification expiry reminders"

    def _responsible(self, employee, officers):
        for user in (employee.parent_id.user_id, employee.coach_id.user_id):
            if user and not user.share:
                return user
        company_officers = officers.filtered(lambda u: employee.company_id in u.company_ids)
        return company_officers[:1] or self.env.ref("base.user_admin")

    @api.model
    def _cron_expiry_reminders(self):
        today = fields.Date.context_today(self)
        days = self.env["worksafe.authorisation"]._reminder_days()
        horizon = today + timedelta(days=days)
        Skill = self.env["hr.employee.skill"].sudo()
        certificates = Skill.search([
            ("skill_type_id.worksafe_kind", "!=", False), ("valid_to", ">=", today),
            ("valid_to", "<=", horizon), ("worksafe_reminder_sent", "=", False)])
        # a newer certificate of the same kind already renews it
        renewed = Skill.search([("employee_id", "in", certificates.employee_id.ids),
                                ("skill_id", "in", certificates.skill_id.ids),
                                "|", ("valid_to", "=", False), ("valid_to", ">", horizon)])
        renewed_keys = {(c.employee_id.id, c.skill_id.id) for c in renewed}
        certificates = certificates.filtered(
            lambda c: (c.employee_id.id, c.skill_id.id) not in renewed_keys)
        auths = self.env["worksafe.authorisation"].sudo().search([
            ("state", "=", "valid"), ("kind", "=", "regular"),
            ("date_to", ">=", fields.Datetime.now()),
            ("date_to", "<", fields.Datetime.to_datetime(horizon + timedelta(days=1))),
            ("reminder_sent", "=", False)])
        officers = self.env.ref("worksafe_permit.group_worksafe_safety_officer").all_user_ids
        activity_type = self.env.ref("worksafe_training.mail_activity_renew_qualification")
        _ = self.env._
        by_contractor = {}
        for cert in certificates:
            employee = cert.employee_id
            text = _("%(name)s: certificate %(cert)s expires on %(date)s",
                     name=employee.name, cert=cert.skill_id.name, date=cert.valid_to)
            employee.sudo().activity_schedule(
                activity_type_id=activity_type.id, summary=text, date_deadline=cert.valid_to,
                user_id=self._responsible(employee, officers).id)
            by_contractor.setdefault(employee.worksafe_contractor_id, []).append(text)
        for auth in auths:
            employee = auth.employee_id
            deadline = fields.Date.to_date(auth.date_to)
            text = _("%(name)s: authorisation %(auth)s expires on %(date)s",
                     name=employee.name, auth=", ".join(auth.work_type_ids.mapped("name")),
                     date=deadline)
            employee.sudo().activity_schedule(
                activity_type_id=activity_type.id, summary=text, date_deadline=deadline,
                user_id=self._responsible(employee, officers).id)
            by_contractor.setdefault(employee.worksafe_contractor_id, []).append(text)
        certificates.write({"worksafe_reminder_sent": today})
        auths.write({"reminder_sent": today})
        for contractor, lines in by_contractor.items():
            if not contractor:
                continue
            body = _("These qualifications of your staff expire within %(days)s days; send "
                     "the renewed certificates or plan the training:", days=days)
            items = Markup().join(Markup("<li>%s</li>") % line for line in lines)
            contractor.sudo().message_post(
                body=Markup("<p>%s</p><ul>%s</ul>") % (body, items),
                partner_ids=contractor.ids, message_type="comment",
                subtype_xmlid="mail.mt_comment")
        return len(certificates) + len(auths)
