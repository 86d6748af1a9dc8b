from odoo import fields, models


class WorksafeAnalyticsScoreBand(models.Model):
    """A band of the score (优秀 / 合格 / 不合格): the lowest score it starts at."""

    _name = "worksafe.analytics.score.band"
    _description = "Score band"
    _order = "min_score desc"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    min_score = fields.Float("From score", required=True)
    failing = fields.Boolean(help="The band a veto gives; there is exactly one.")
    color = fields.Integer()

    _code_unique = models.UniqueIndex("(code)")
    _score_range = models.Constraint("CHECK (min_score >= 0 AND min_score <= 100)",
                                     "A band starts between 0 and 100.")
