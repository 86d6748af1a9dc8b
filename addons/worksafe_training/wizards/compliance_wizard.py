from dateutil.relativedelta import relativedelta

from odoo import fields, models

from ..models.compliance import PERIODS, period_bounds


class WorksafeComplianceWizard(models.TransientModel):
    _name = "worksafe.compliance.wizard"
    _description = "Compliance report"

    period_type = fields.Selection(PERIODS, required=True, default="month")
    day = fields.Date("Period containing", required=True,
                      default=lambda s: fields.Date.context_today(s) - relativedelta(months=1))
    contractor_id = fields.Many2one("res.partner", "Only contractor",
                                    domain="[('is_company', '=', True)]")

    def _records(self):
        self.ensure_one()
        records = self.env["worksafe.compliance.record"]._generate(self.period_type, self.day)
        if self.contractor_id:
            records = records.filtered(lambda r: r.contractor_id == self.contractor_id)
        return records

    def action_view(self):
        records = self._records()
        return {"type": "ir.actions.act_window", "res_model": "worksafe.compliance.record",
                "name": self.env._("Compliance records"), "view_mode": "list,pivot,graph",
                "domain": [("id", "in", records.ids)]}

    def action_pdf(self):
        return self.env.ref("worksafe_training.action_report_compliance").report_action(
            self._records())

    def action_xlsx(self):
        records = self._records()
        start, _end = period_bounds(self.period_type, self.day)
        name = f"worksafe-compliance-{self.period_type}-{start}.xlsx"
        attachment = self.env["ir.attachment"].create({
            "name": name, "raw": records._xlsx(), "res_model": self._name, "res_id": self.id,
            "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        })
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/web/content/{attachment.id}?download=true"}
