from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WorksafeVariant(models.Model):
    """A level of a work type (e.g. hot work 一级, height class III) and the rules it brings."""

    _name = "worksafe.variant"
    _description = "Work type variant (level)"
    _order = "work_type_id, rank, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    work_type_id = fields.Many2one("worksafe.work.type", required=True, ondelete="cascade",
                                   index=True)
    rank = fields.Integer(default=1, help="Higher is more dangerous.")
    active = fields.Boolean(default=True)
    param_lower = fields.Float("Parameter from", digits=(10, 2))
    has_lower = fields.Boolean("Has lower bound")
    lower_inclusive = fields.Boolean("Lower bound included")
    param_upper = fields.Float("Parameter up to", digits=(10, 2))
    has_upper = fields.Boolean("Has upper bound")
    upper_inclusive = fields.Boolean("Upper bound included", default=True)
    upgrade_id = fields.Many2one(
        "worksafe.variant", "One level up", domain="[('work_type_id', '=', work_type_id)]",
        help="The variant used when an upgrade condition (night, rest day, objective hazard) "
        "applies.",
    )
    max_validity_hours = fields.Float(
        "Maximum validity (h)", help="A planned window longer than this is refused. 0 = no limit."
    )
    gas_test_required = fields.Boolean("Gas test before start")
    gas_test_window_minutes = fields.Integer(
        "Gas test valid for (min)", default=30,
        help="The last passing gas test must be at most this old when work starts.",
    )
    retest_break_minutes = fields.Integer(
        "Re-test after a break longer than (min)", default=60,
    )
    continuous_monitoring = fields.Boolean("Continuous gas monitoring")
    min_watchers = fields.Integer("Watchers required", default=1)
    written_plan_required = fields.Boolean("Written work plan required")
    approval_step_ids = fields.One2many("worksafe.variant.approval", "variant_id",
                                        "Approval chain")
    approval_count = fields.Integer(compute="_compute_approval_count")
    standard_ref = fields.Char("Standard", translate=True, help="Clause this variant follows.")
    marking_color = fields.Char(
        "Marking colour", default="#1f6f43",
        help="Colour of the level band printed on the permit.",
    )

    _code_unique = models.UniqueIndex("(work_type_id, code)")

    @api.depends("approval_step_ids")
    def _compute_approval_count(self):
        for variant in self:
            variant.approval_count = len(variant.approval_step_ids)

    @api.depends("work_type_id.name")
    def _compute_display_name(self):
        for variant in self:
            variant.display_name = f"{variant.work_type_id.name} · {variant.name}"

    @api.constrains("upgrade_id")
    def _check_upgrade(self):
        for variant in self:
            if variant.upgrade_id and variant.upgrade_id.work_type_id != variant.work_type_id:
                raise ValidationError(
                    self.env._("A variant can only be upgraded within its own work type.")
                )
            if self._has_cycle("upgrade_id"):
                raise ValidationError(self.env._("Variant upgrades cannot form a loop."))

    def _as_band(self):
        from ..rules.levels import Band

        return [
            Band(
                key=variant.id,
                rank=variant.rank,
                lower=variant.param_lower if variant.has_lower else None,
                upper=variant.param_upper if variant.has_upper else None,
                lower_inclusive=variant.lower_inclusive,
                upper_inclusive=variant.upper_inclusive,
            )
            for variant in self
        ]
