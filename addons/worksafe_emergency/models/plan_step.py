from odoo import fields, models

from .plan import AUTHORING_STEPS


class WorksafeEmergencyPlanStep(models.Model):
    _name = "worksafe.emergency.plan.step"
    _description = "Plan authoring step"
    _order = "plan_id, sequence"

    plan_id = fields.Many2one("worksafe.emergency.plan", required=True, index=True,
                              ondelete="cascade")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    sequence = fields.Integer()
    code = fields.Selection(AUTHORING_STEPS, required=True)
    done = fields.Boolean()
    done_at = fields.Datetime()
    done_by_id = fields.Many2one("res.users")
    notes = fields.Text(help="For the tabletop: who took part, what was found.")

    def action_done(self):
        for step in self:
            if step.code == "approval":
                continue  # the plan's 'Approve' does it
            step.write({"done": True, "done_at": fields.Datetime.now(),
                        "done_by_id": self.env.uid})
            step.plan_id._audit("emergency.plan.step", self.env._("Plan step done: %(step)s",
                                                                  step=step.code),
                                {"plan": step.plan_id.id, "step": step.code})
        return True
