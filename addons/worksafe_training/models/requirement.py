from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROLES = [
    ("worker", "Worker"),
    ("watcher", "Watcher"),
    ("approver", "Approver"),
    ("analyst", "Gas analyst"),
]
KINDS = [("certificate", "Certificate"), ("authorisation", "Authorisation")]


class WorksafeQualificationRequirement(models.Model):
    """Which certificate or authorisation a role needs for a work type (data, editable)."""

    _name = "worksafe.qualification.requirement"
    _description = "Qualification requirement"
    _order = "work_type_id, variant_id, role, kind, id"

    work_type_id = fields.Many2one("worksafe.work.type", required=True, ondelete="cascade",
                                   index=True)
    variant_id = fields.Many2one(
        "worksafe.variant", "Only for level", ondelete="cascade",
        domain="[('work_type_id', '=', work_type_id)]",
        help="Leave empty for every level; set it to add a stricter requirement to one level.")
    role = fields.Selection(ROLES, required=True, default="worker",
                            help="The performing authority is checked as a worker.")
    kind = fields.Selection(KINDS, required=True, default="certificate")
    skill_id = fields.Many2one(
        "hr.skill", "Certificate", ondelete="restrict",
        domain="[('skill_type_id.worksafe_kind', '!=', False)]")
    active = fields.Boolean(default=True)
    note = fields.Char(translate=True)
    display_item = fields.Char("Needs", compute="_compute_display_item")

    _skill_needed = models.Constraint(
        "CHECK (kind != 'certificate' OR skill_id IS NOT NULL)",
        "A certificate requirement names the certificate.",
    )

    @api.depends("kind", "skill_id", "work_type_id", "role")
    def _compute_display_item(self):
        for requirement in self:
            requirement.display_item = requirement._item_label()

    @api.depends("work_type_id", "role", "display_item")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for requirement in self:
            requirement.display_name = (f"{requirement.work_type_id.name} · "
                                        f"{roles.get(requirement.role, '')}: "
                                        f"{requirement._item_label()}")

    def _item_label(self):
        self.ensure_one()
        if self.kind == "certificate":
            return self.skill_id.name or ""
        return self.env._("authorisation for %(work)s", work=self.work_type_id.name or "")

    @api.constrains("variant_id", "work_type_id")
    def _check_variant(self):
        for requirement in self:
            if requirement.variant_id and \
                    requirement.variant_id.work_type_id != requirement.work_type_id:
                raise ValidationError(self.env._("The level must belong to the work type."))

    @api.constrains("kind", "skill_id")
    def _check_worksafe_certificate(self):
        for requirement in self.filtered(lambda r: r.kind == "certificate"):
            if not requirement.skill_id.skill_type_id.worksafe_kind:
                raise ValidationError(self.env._(
                    "A certificate requirement names a WorkSafe certificate (one that only HR "
                    "officers record): %(skill)s is not one.", skill=requirement.skill_id.name))
