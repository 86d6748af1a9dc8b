from odoo import fields, models


class WorksafePermitApproval(models.Model):
    _name = "worksafe.permit.approval"
    _description = "Permit approval step"
    _inherit = ["worksafe.permit.line"]
    _order = "permit_id, sequence, id"

    # Built at submission from the level's chain, decided with the approve / reject actions.
    _guard_system_fields = frozenset({
        "sequence", "name", "group_id", "area_authority", "site_check", "site_checked",
        "state", "user_id", "date", "comment"})
    _guard_user_fields = frozenset()

    sequence = fields.Integer(readonly=True)
    name = fields.Char("Step", required=True, readonly=True)
    group_id = fields.Many2one("res.groups", "Role", readonly=True)
    area_authority = fields.Boolean(readonly=True)
    site_check = fields.Boolean("Site check required", readonly=True)
    site_checked = fields.Boolean("Site inspected", readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="pending", required=True, readonly=True,
    )
    user_id = fields.Many2one("res.users", "Decided by", readonly=True)
    date = fields.Datetime("Decided at", readonly=True)
    comment = fields.Text(readonly=True)
