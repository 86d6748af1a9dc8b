from odoo import api, fields, models
from odoo.exceptions import ValidationError

SIMOPS_RELATIONS = [
    ("same_area", "Same area (or a sub-area)"),
    ("distance", "Within a distance"),
    ("same_pipeline", "Same pipeline"),
    ("same_equipment", "Same equipment"),
]


class WorksafeSimopsRule(models.Model):
    _name = "worksafe.simops.rule"
    _description = "Simultaneous operations rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: applies to every company.")
    subject_a = fields.Char(
        "First activity", required=True,
        help="A work type code (hot_work) or an activity tag as tag:CODE (tag:painting).",
    )
    subject_b = fields.Char("Second activity", required=True)
    relation = fields.Selection(SIMOPS_RELATIONS, required=True, default="same_area")
    distance_m = fields.Float("Distance (m)")
    action = fields.Selection(
        [("block", "Forbidden"), ("coordinate", "Needs a coordinator's acknowledgement")],
        required=True, default="block",
    )
    standard_ref = fields.Char("Standard", translate=True)

    @api.constrains("subject_a", "subject_b")
    def _check_subjects(self):
        subjects = set(self.mapped("subject_a") + self.mapped("subject_b"))
        codes = set(self.env["worksafe.work.type"].with_context(active_test=False)
                    .search([("code", "in", list(subjects))]).mapped("code"))
        tags = set(self.env["worksafe.activity.tag"].search(
            [("code", "in", [s[4:] for s in subjects if s.startswith("tag:")])]).mapped("code"))
        for rule in self:
            for subject in (rule.subject_a, rule.subject_b):
                known = (subject[4:] in tags) if subject.startswith("tag:") else subject in codes
                if not known:
                    raise ValidationError(self.env._(
                        "Unknown activity '%(subject)s': use a work type code or tag:CODE.",
                        subject=subject,
                    ))

    def _as_rule(self):
        from ..rules.simops import SimopsRule

        return [
            SimopsRule(rule_id=rule.id, subject_a=rule.subject_a, subject_b=rule.subject_b,
                       relation=rule.relation, distance_m=rule.distance_m, action=rule.action)
            for rule in self
        ]
