from odoo import api, fields, models
from odoo.exceptions import UserError


class WorksafeAnalyticsViolation(models.Model):
    """A violation found in the audit trail (or entered by a safety officer: a fatal
    accident is not in the permit's events)."""

    _name = "worksafe.analytics.violation"
    _inherit = ["worksafe.analytics.dimension.mixin"]
    _description = "Violation"
    _order = "occurred_at desc, id desc"
    _check_company_auto = True

    type_id = fields.Many2one("worksafe.analytics.violation.type", "Type", required=True,
                              ondelete="cascade")
    # Copied, not related: the engine writes it with the row, and a stored related field
    # would be recomputed from a type deleted at uninstall (no foreign key cascades here).
    type_code = fields.Selection(
        selection=lambda self: self.env["worksafe.analytics.violation.type"]._fields[
            "code"]._description_selection(self.env), readonly=True)
    source = fields.Selection([("audit", "Audit trail"), ("manual", "Entered")],
                              required=True, default="manual", readonly=True)
    event_id = fields.Many2one("worksafe.audit.event", "Audit event", readonly=True,
                               ondelete="set null")
    event_seq = fields.Integer("Event", readonly=True)
    step_fact_id = fields.Many2one("worksafe.analytics.step.fact", readonly=True,
                                   ondelete="set null")
    user_id = fields.Many2one("res.users", "By", readonly=True)
    occurred_at = fields.Datetime("When", required=True,
                                  default=fields.Datetime.now)
    note = fields.Text()
    violation_count = fields.Integer("Count", readonly=True, default=1)

    # Mostly derived data, rebuilt in bulk by the engine: no foreign keys (the engine drops
    # the rows of deleted permits itself, see worksafe.analytics.engine._drop_orphans).
    def _is_an_ordinary_table(self):
        return False

    @api.model_create_multi
    def create(self, vals_list):
        # Found ones are written by the engine in SQL; people only enter what the chain
        # cannot show.
        types = self.env["worksafe.analytics.violation.type"]
        for vals in vals_list:
            vals["source"] = "manual"
            vals["type_code"] = types.browse(vals.get("type_id")).code or False
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_manual(self):
        if any(v.source == "audit" for v in self):
            raise UserError(self.env._(
                "Violations found in the audit trail are kept: they are rebuilt from it."))
