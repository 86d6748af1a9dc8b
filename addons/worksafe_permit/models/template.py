from odoo import api, fields, models

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
    standard = fields.Char(help="The standard the limits follow (GB 30871-2022, OSHA …).")
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


class WorksafeTemplateStep(models.Model):
    _name = "worksafe.template.step"
    _description = "Template step"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("worksafe.template", required=True, ondelete="cascade",
                                  index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    instructions = fields.Text(translate=True)
    phase = fields.Selection(STEP_PHASES, required=True, default="preparation")
    role = fields.Selection(STEP_ROLES, required=True, default="performing")
    blocking = fields.Boolean("Blocks the next steps", default=True)
    variant_ids = fields.Many2many(
        "worksafe.variant", string="Only for variants",
        help="Empty: the step applies to every variant of the work type.",
    )
    photo_count = fields.Integer("Photos required")
    photo_subject = fields.Char("Photo of", translate=True)
    gas_test_required = fields.Boolean("Passing gas test required")
    signature_required = fields.Boolean("Signature required")
    check_ids = fields.One2many("worksafe.template.step.check", "step_id", "Checklist", copy=True)
    condition = fields.Char(
        "Condition", translate=True,
        help="When the step applies, in words (e.g. 'pressure above 0.1 MPa'). Shown to the user.",
    )


class WorksafeTemplateStepCheck(models.Model):
    _name = "worksafe.template.step.check"
    _description = "Checklist item of a template step"
    _order = "sequence, id"

    step_id = fields.Many2one("worksafe.template.step", required=True, ondelete="cascade",
                              index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)


class WorksafeTemplateMeasure(models.Model):
    _name = "worksafe.template.measure"
    _description = "Control measure"
    _order = "sequence, id"

    template_id = fields.Many2one("worksafe.template", required=True, ondelete="cascade",
                                  index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)


class WorksafeTemplateHazard(models.Model):
    _name = "worksafe.template.hazard"
    _description = "Hazard of a work type"
    _order = "sequence, id"

    template_id = fields.Many2one("worksafe.template", required=True, ondelete="cascade",
                                  index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Hazard", required=True, translate=True)
    likelihood = fields.Selection(LIKELIHOOD, required=True, default="3")
    severity = fields.Selection(SEVERITY, required=True, default="3")
    control = fields.Char("Control", translate=True)

    @api.model
    def _risk_values(self):
        return [
            {"source": "work_type", "name": hazard.name, "likelihood": hazard.likelihood,
             "severity": hazard.severity, "control": hazard.control}
            for hazard in self
        ]
