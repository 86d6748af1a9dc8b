from odoo import fields, models


class WorksafePermitStep(models.Model):
    _inherit = "worksafe.permit.step"

    # The template step this step was built from, so the analytics group a step's figures
    # per template step even after the template's steps are renamed or renumbered.
    template_step_id = fields.Many2one("worksafe.template.step", readonly=True, index=True,
                                       ondelete="set null")
    _guard_system_fields = frozenset({"state", "done_by_id", "done_at", "gas_test_id",
                                      "template_step_id"})
