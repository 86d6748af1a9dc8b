from odoo import fields, models

HR_OFFICER = "hr.group_hr_user"


class HrSkillType(models.Model):
    _inherit = "hr.skill.type"

    worksafe_kind = fields.Selection(
        [("state", "State special-operation certificate"), ("company", "Company certificate")],
        "WorkSafe certificate",
        help="Certificates of this type are checked by WorkSafe: only HR officers record them "
        "(others upload a scan for verification).",
    )
