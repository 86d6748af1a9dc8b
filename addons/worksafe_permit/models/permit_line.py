from odoo import fields, models


class WorksafePermitLine(models.AbstractModel):
    """A record that belongs to one permit and lives in its company."""

    _name = "worksafe.permit.line"
    _inherit = ["worksafe.guarded.mixin"]
    _description = "Line of a permit"

    _guard_create_fields = frozenset({"permit_id"})

    permit_id = fields.Many2one("worksafe.permit", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="permit_id.company_id", store=True)
