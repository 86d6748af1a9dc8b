from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    worksafe_contractor_id = fields.Many2one(
        "res.partner", "Contractor company", index=True, tracking=True,
        domain="[('is_company', '=', True)]",
        help="Set for contractor staff: the contractor company (its commercial partner). Its "
        "portal users see this person's certificates, authorisations and results.",
    )
    worksafe_authorisation_ids = fields.One2many("worksafe.authorisation", "employee_id",
                                                 "Work authorisations")
    worksafe_authorisation_count = fields.Integer(compute="_compute_worksafe_counts")
    worksafe_attempt_count = fields.Integer(compute="_compute_worksafe_counts")

    @api.onchange("worksafe_contractor_id")
    def _onchange_worksafe_contractor_id(self):
        if self.worksafe_contractor_id:
            self.worksafe_contractor_id = self.worksafe_contractor_id.commercial_partner_id

    def _compute_worksafe_counts(self):
        auths = dict(self.env["worksafe.authorisation"]._read_group(
            [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]))
        attempts = dict(self.env["worksafe.training.attempt"]._read_group(
            [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]))
        for employee in self:
            employee.worksafe_authorisation_count = auths.get(employee, 0)
            employee.worksafe_attempt_count = attempts.get(employee, 0)

    def _worksafe_open(self, model, name):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": model, "name": name,
                "view_mode": "list,form", "domain": [("employee_id", "=", self.id)],
                "context": {"default_employee_id": self.id}}

    def action_worksafe_authorisations(self):
        return self._worksafe_open("worksafe.authorisation", self.env._("Work authorisations"))

    def action_worksafe_attempts(self):
        return self._worksafe_open("worksafe.training.attempt", self.env._("Training and exams"))
