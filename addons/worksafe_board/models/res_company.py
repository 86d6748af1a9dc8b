import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError

SAFETY_OFFICER = "worksafe_permit.group_worksafe_safety_officer"


def _new_token():
    return secrets.token_urlsafe(24)


class ResCompany(models.Model):
    _inherit = "res.company"

    worksafe_board_token = fields.Char(
        "Board kiosk token", copy=False, default=lambda s: _new_token(),
        groups="worksafe_permit.group_worksafe_safety_officer",
        help="The secret in the control-room kiosk URL of the live board. Regenerate it to "
        "lock out every screen that has the old URL.")
    worksafe_board_kiosk_url = fields.Char(
        "Board kiosk URL", compute="_compute_worksafe_board_kiosk_url",
        groups="worksafe_permit.group_worksafe_safety_officer")
    worksafe_board_expired_hours = fields.Integer(
        "Expired permits stay on the board (h)", default=24,
        help="How long after its planned end an expired permit stays on the board's "
        "overdue list.")
    worksafe_board_refresh_seconds = fields.Integer(
        "Board refresh (s)", default=60,
        help="Besides the live updates, boards reload their state this often, for what "
        "changes with time alone (a permit passing its planned end, a silent sensor).")

    @api.depends("worksafe_board_token")
    def _compute_worksafe_board_kiosk_url(self):
        base = self.get_base_url() if self else ""
        for company in self:
            company.worksafe_board_kiosk_url = \
                f"{base}/worksafe/board/kiosk/{company.worksafe_board_token}" \
                if company.worksafe_board_token else False

    def _init_column(self, column_name):
        """Each existing company gets its own token at install (a column default would give
        them all the same one)."""
        if column_name != "worksafe_board_token":
            return super()._init_column(column_name)
        self.env.cr.execute("SELECT id FROM res_company WHERE worksafe_board_token IS NULL")
        for (company_id,) in self.env.cr.fetchall():
            self.env.cr.execute("UPDATE res_company SET worksafe_board_token = %s WHERE id = %s",
                                (_new_token(), company_id))
        return None

    def action_worksafe_board_regenerate_token(self):
        """A new kiosk token: screens with the old URL stop at once (404 and no more
        updates)."""
        if not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("Only a safety officer regenerates the board's kiosk "
                                         "link."))
        for company in self:
            company.sudo().worksafe_board_token = _new_token()
        return True

    def action_worksafe_board_open_kiosk(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": self.worksafe_board_kiosk_url,
                "target": "new"}
