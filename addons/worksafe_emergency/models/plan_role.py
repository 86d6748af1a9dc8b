from odoo import fields, models

# ISO 22320 / ICS: command staff and general staff.
ROLES = [("commander", "Incident commander"), ("safety", "Safety officer"),
         ("liaison", "Liaison officer"), ("information", "Information officer"),
         ("operations", "Operations"), ("planning", "Planning"), ("logistics", "Logistics"),
         ("finance", "Finance / administration")]


class WorksafeEmergencyPlanRole(models.Model):
    _name = "worksafe.emergency.plan.role"
    _description = "Emergency role"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one("worksafe.emergency.plan", required=True, index=True,
                              ondelete="cascade")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    role = fields.Selection(ROLES, required=True)
    user_id = fields.Many2one("res.users", "Holder", required=True)
    deputy_id = fields.Many2one("res.users", "Deputy")
    duties = fields.Text(translate=True)
