from odoo import fields, models

PHASES = [
    ("draft", "Drafting"),
    ("approval", "Approval"),
    ("preparation", "Preparation"),
    ("ready", "Issued, waiting to start"),
    ("execution", "Execution"),
    ("suspended", "Suspended"),
    ("closure", "Closure"),
]


class WorksafeAnalyticsPhaseFact(models.Model):
    """One stay of a permit in one lifecycle phase (between two transitions in the chain)."""

    _name = "worksafe.analytics.phase.fact"
    _inherit = ["worksafe.analytics.dimension.mixin"]
    _description = "Permit phase measurement"
    _order = "start_at desc, id desc"

    # Derived data, rebuilt from the audit trail by the engine in bulk: no foreign keys
    # (a dozen per row made the refresh three times slower) and no create/write log. The
    # engine drops the rows of deleted permits itself (see _drop_orphans).
    _log_access = False

    def _is_an_ordinary_table(self):
        return False

    phase = fields.Selection(PHASES, required=True, readonly=True)
    start_at = fields.Datetime("From", readonly=True)
    end_at = fields.Datetime("To", readonly=True)
    hours = fields.Float("Duration (h)", readonly=True, aggregator="avg", digits=(10, 2))
    fact_count = fields.Integer("Count", readonly=True, default=1)
