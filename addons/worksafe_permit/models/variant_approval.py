from odoo import fields, models


class WorksafeVariantApproval(models.Model):
    _name = "worksafe.variant.approval"
    _description = "Approval step of a variant"
    _order = "sequence, id"

    variant_id = fields.Many2one("worksafe.variant", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Step", required=True, translate=True)
    group_id = fields.Many2one(
        "res.groups", "Approver role", required=True,
        default=lambda s: s.env.ref("worksafe_permit.group_worksafe_approver", False),
    )
    area_authority = fields.Boolean(
        "Area authority only",
        help="Only the authority of the permit's area (or a parent area) may approve this step.",
    )
    site_check = fields.Boolean(
        "Site check", help="The approver confirms having inspected the site in person."
    )
