from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import violations as violation_rules


class WorksafeAnalyticsViolationType(models.Model):
    """A kind of violation the analytics count, with what it costs in the safety score."""

    _name = "worksafe.analytics.violation.type"
    _description = "Violation type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection([(code, code) for code in violation_rules.TYPES] + [
        ("fatal_accident", "fatal_accident")], required=True, readonly=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    points = fields.Float(
        "Points deducted", default=2.0,
        help="Deducted from the safety score for each violation of this type.")
    veto = fields.Boolean(
        "Veto (一票否决)",
        help="One violation of this type fails the period (band 'fail') whatever the points.")
    description = fields.Text(translate=True)

    _code_unique = models.UniqueIndex("(code)")
    _points_positive = models.Constraint("CHECK (points >= 0)",
                                         "Points deducted cannot be negative.")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_counted(self):
        """Violations of a type keep it: archive a type instead of deleting it."""
        if self.env["worksafe.analytics.violation"].sudo().search_count(
                [("type_id", "in", self.ids)], limit=1):
            raise UserError(self.env._(
                "Violations of this type are counted: archive the type instead of deleting it."))
