from odoo import fields, models

INDUSTRIES = [
    ("general", "All industries"),
    ("chemical", "Chemical"),
    ("machinery", "Machinery manufacturing"),
    ("electronics", "Electronics"),
]

STEP_PHASES = [
    ("preparation", "Before start"),
    ("execution", "During work"),
    ("closure", "Hand-back and closure"),
]

STEP_ROLES = [
    ("applicant", "Applicant"),
    ("performing", "Performing authority"),
    ("watcher", "Watcher"),
    ("analyst", "Gas analyst"),
    ("approver", "Approver / area authority"),
    ("safety_officer", "Safety officer"),
]

LIKELIHOOD = [("1", "1 · Rare"), ("2", "2 · Unlikely"), ("3", "3 · Possible"),
              ("4", "4 · Likely"), ("5", "5 · Almost certain")]
SEVERITY = [("1", "1 · Negligible"), ("2", "2 · Minor"), ("3", "3 · Serious"),
            ("4", "4 · Major"), ("5", "5 · Catastrophic")]


class WorksafeTemplate(models.Model):
    _name = "worksafe.template"
    _description = "Permit template"
    _order = "work_type_id, industry, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    work_type_id = fields.Many2one("worksafe.work.type", required=True, ondelete="restrict",
                                   index=True)
    industry = fields.Selection(INDUSTRIES, required=True, default="general")
    company_id = fields.Many2one("res.company", help="Empty: shared by every company.")
    standard = fields.Char(
        translate=True, help="The standard the limits follow (GB 30871-2022, OSHA …).")
    step_ids = fields.One2many("worksafe.template.step", "template_id", "Steps", copy=True)
    measure_ids = fields.One2many("worksafe.template.measure", "template_id", "Control measures",
                                  copy=True)
    hazard_ids = fields.One2many("worksafe.template.hazard", "template_id", "Hazards", copy=True)
    gas_limit_ids = fields.One2many("worksafe.template.gas.limit", "template_id", "Gas limits",
                                    copy=True)
    note = fields.Html(translate=True)

    def _steps_for_variant(self, variant):
        self.ensure_one()
        return self.step_ids.filtered(
            lambda step: not step.variant_ids or variant in step.variant_ids
        )
