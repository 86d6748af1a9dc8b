from odoo import fields, models, tools


class WorksafeAnalyticsStepStat(models.Model):
    """Per template step and per approval step: p50/p90 of waiting and handling time
    (PostgreSQL percentile_cont) against the current target, misses and rework."""

    _name = "worksafe.analytics.step.stat"
    _description = "Step figures"
    _auto = False
    _order = "wait_p90 desc nulls last"
    _rec_name = "name"

    kind = fields.Selection([("step", "Template step"), ("approval", "Approval step")],
                            readonly=True)
    name = fields.Char("Step", readonly=True)
    template_step_id = fields.Many2one("worksafe.template.step", readonly=True)
    approval_step_id = fields.Many2one("worksafe.variant.approval", readonly=True)
    template_id = fields.Many2one("worksafe.template", readonly=True)
    variant_id = fields.Many2one("worksafe.variant", "Level", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    permit_count = fields.Integer("Permits", readonly=True)
    wait_p50 = fields.Float("Waiting p50 (h)", readonly=True, digits=(10, 2), aggregator="max")
    wait_p90 = fields.Float("Waiting p90 (h)", readonly=True, digits=(10, 2), aggregator="max")
    handling_p50 = fields.Float("Handling p50 (h)", readonly=True, digits=(10, 2),
                                aggregator="max")
    handling_p90 = fields.Float("Handling p90 (h)", readonly=True, digits=(10, 2),
                                aggregator="max")
    target_hours = fields.Float("Target (h)", readonly=True, digits=(10, 2), aggregator="max")
    over_target_count = fields.Integer("Over target", readonly=True)
    missed_count = fields.Integer("Missed", readonly=True)
    missed_rate = fields.Float("Missed (%)", readonly=True, digits=(5, 1), aggregator="max")
    rework_count = fields.Integer("Rework loops", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE VIEW {self._table} AS
            SELECT row_number() OVER (ORDER BY f.kind, f.template_step_id, f.approval_step_id,
                                      f.company_id) AS id,
                   f.kind, min(f.name) AS name, f.template_step_id, f.approval_step_id,
                   min(f.template_id) AS template_id, min(f.variant_id) AS variant_id,
                   f.company_id,
                   count(DISTINCT f.permit_id) AS permit_count,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY f.wait_hours) AS wait_p50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY f.wait_hours) AS wait_p90,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY f.handling_hours)
                       AS handling_p50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY f.handling_hours)
                       AS handling_p90,
                   max(f.target_hours) AS target_hours,
                   sum(f.over_target_count) AS over_target_count,
                   sum(f.missed_count) AS missed_count,
                   100.0 * sum(f.missed_count) / nullif(count(DISTINCT f.permit_id), 0)
                       AS missed_rate,
                   sum(f.rework_count) AS rework_count
              FROM worksafe_analytics_step_fact f
             WHERE f.template_step_id IS NOT NULL OR f.approval_step_id IS NOT NULL
             GROUP BY f.kind, f.template_step_id, f.approval_step_id, f.company_id
        """)  # noqa: S608 (table name)
