from odoo import fields, models

CRITERIA = [
    ("completion", "Permits not completed"),
    ("violations", "Violations"),
    ("rectification_late", "Rectifications late"),
]


class WorksafeAnalyticsScoreCriterion(models.Model):
    """One line of the 100-point deduction sheet: what is counted and what it costs."""

    _name = "worksafe.analytics.score.criterion"
    _description = "Score criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(CRITERIA, required=True, readonly=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    points = fields.Float(
        "Points per unit", default=1.0,
        help="Completion: points per 10 % of finished permits not completed (expired or "
             "withdrawn). Violations: a factor on each violation type's own points. "
             "Rectifications: points per rectification closed after its deadline.")
    cap = fields.Float("At most", help="The most this criterion deducts in a period. 0: no cap.")

    _code_unique = models.UniqueIndex("(code)")
    _points_positive = models.Constraint("CHECK (points >= 0 AND cap >= 0)",
                                         "Points and caps cannot be negative.")
