from odoo import fields, models


class WorksafePermitLine(models.AbstractModel):
    """A record that belongs to one permit and lives in its company."""

    _name = "worksafe.permit.line"
    _description = "Line of a permit"

    permit_id = fields.Many2one("worksafe.permit", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="permit_id.company_id", store=True)
