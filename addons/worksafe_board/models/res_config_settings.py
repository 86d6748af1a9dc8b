from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    worksafe_board_kiosk_url = fields.Char(related="company_id.worksafe_board_kiosk_url")
    worksafe_board_expired_hours = fields.Integer(
        related="company_id.worksafe_board_expired_hours", readonly=False)
    worksafe_board_refresh_seconds = fields.Integer(
        related="company_id.worksafe_board_refresh_seconds", readonly=False)

    def action_worksafe_board_regenerate_token(self):
        self.company_id.action_worksafe_board_regenerate_token()
        return {"type": "ir.actions.client", "tag": "reload"}
