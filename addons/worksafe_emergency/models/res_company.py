from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    worksafe_high_risk_unit = fields.Boolean(
        "High-risk unit", help="Hazardous chemicals, mines, metal smelting, construction … "
        "(应急条例 Art. 8): drills every half-year, reported to the authorities.")
    worksafe_emergency_unit_overview = fields.Text(
        "Unit overview for reports", help="Name, address, nature and contact of the unit: the "
        "first item of every report to the authorities.")
