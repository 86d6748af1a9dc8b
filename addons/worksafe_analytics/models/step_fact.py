from odoo import fields, models

FACT_KINDS = [("step", "Template step"), ("approval", "Approval step")]


class WorksafeAnalyticsStepFact(models.Model):
    """One template step or approval decision of one permit, measured from the audit trail.

    Filled by worksafe.analytics.engine (SQL), never edited: rebuilt from the chain at will.
    Times: ready (the step's turn came: its phase began and the blocking steps before it
    were done; for an approval the submission or the previous decision), started (first
    evidence recorded; an approval has no separate start), done (step done / decision).
    """

    _name = "worksafe.analytics.step.fact"
    _inherit = ["worksafe.analytics.dimension.mixin"]
    _description = "Step measurement"
    _order = "done_at desc, id desc"
    _rec_name = "name"

    # Derived data, rebuilt from the audit trail by the engine in bulk: no foreign keys
    # (a dozen per row made the refresh three times slower) and no create/write log. The
    # engine drops the rows of deleted permits itself (see _drop_orphans).
    _log_access = False

    def _is_an_ordinary_table(self):
        return False

    kind = fields.Selection(FACT_KINDS, required=True, readonly=True)
    name = fields.Char("Step", readonly=True)
    phase = fields.Selection([("approval", "Approval"), ("preparation", "Preparation"),
                              ("execution", "Execution"), ("closure", "Closure")],
                             readonly=True)
    sequence = fields.Integer(readonly=True)
    template_step_id = fields.Many2one("worksafe.template.step", "Template step",
                                       readonly=True, ondelete="set null")
    approval_step_id = fields.Many2one("worksafe.variant.approval", "Approval step",
                                       readonly=True, ondelete="set null")
    user_id = fields.Many2one("res.users", "Done by", readonly=True)
    step_ref = fields.Integer("Permit step ID", readonly=True)
    ready_at = fields.Datetime("Ready", readonly=True)
    started_at = fields.Datetime("Started", readonly=True)
    done_at = fields.Datetime("Done", readonly=True)
    wait_hours = fields.Float("Waiting (h)", readonly=True, aggregator="avg", digits=(10, 2))
    handling_hours = fields.Float("Handling (h)", readonly=True, aggregator="avg",
                                  digits=(10, 2))
    target_hours = fields.Float("Target (h)", readonly=True, aggregator="avg", digits=(10, 2))
    over_target = fields.Boolean("Over target", readonly=True)
    over_target_count = fields.Integer("Over target (count)", readonly=True)
    outcome = fields.Selection([("done", "Done"), ("pending", "Pending"),
                                ("missed", "Missed"), ("approved", "Approved"),
                                ("rejected", "Rejected")], readonly=True)
    missed_count = fields.Integer("Missed", readonly=True)
    rework_count = fields.Integer("Rework loops", readonly=True,
                                  help="Rejections (back to the applicant) at this step.")
    rework_hours = fields.Float("Rework time (h)", readonly=True, aggregator="avg",
                                help="From a rejection to the next submission.")
    fact_count = fields.Integer("Count", readonly=True, default=1)

    def action_refresh(self):
        """Measure the new audit events now (the cron does it every 15 minutes)."""
        self.env["worksafe.analytics.engine"]._refresh_as_officer()
        return {"type": "ir.actions.client", "tag": "soft_reload"}
