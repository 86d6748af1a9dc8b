from odoo import fields, models


class WorksafeAnalyticsDimensionMixin(models.AbstractModel):
    """Fields every fact table shares: what the permit was, where, for whom, by whom."""

    _name = "worksafe.analytics.dimension.mixin"
    _description = "WorkSafe analytics dimensions"

    permit_id = fields.Many2one("worksafe.permit", "Permit", readonly=True, index=True,
                                ondelete="cascade")
    # Only the permit is indexed (the refresh deletes by permit): the pivots read whole
    # tables, and every index slows the bulk refresh down.
    company_id = fields.Many2one("res.company", readonly=True,
                                 default=lambda s: s.env.company)
    work_type_id = fields.Many2one("worksafe.work.type", "Work type", readonly=True)
    template_id = fields.Many2one("worksafe.template", "Template", readonly=True)
    variant_id = fields.Many2one("worksafe.variant", "Level", readonly=True)
    area_id = fields.Many2one("worksafe.area", "Area", readonly=True)
    contractor_id = fields.Many2one("res.partner", "Contractor", readonly=True)
    employee_id = fields.Many2one("hr.employee", "Person in charge", readonly=True)
    department_id = fields.Many2one("hr.department", "Team", readonly=True)
