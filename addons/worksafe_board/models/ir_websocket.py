import re

from odoo import models

from .board import BOARD_GROUP, BOARD_SUBCHANNEL

# what a board asks for: its company's channel ("worksafe_board:<company id>", checked
# against the user's companies) or a kiosk's ("worksafe_board_kiosk:<token>")
_USER_CHANNEL = re.compile(r"^worksafe_board:(\d+)$")
_KIOSK_CHANNEL = re.compile(r"^worksafe_board_kiosk:([\w-]+)$")


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        channels = list(channels)  # do not alter the caller's list
        for channel in list(channels):
            if not isinstance(channel, str):
                continue
            user_match = _USER_CHANNEL.match(channel)
            kiosk_match = _KIOSK_CHANNEL.match(channel) if not user_match else None
            if not (user_match or kiosk_match):
                continue
            channels.remove(channel)
            if user_match:
                user = self.env.user
                company = self.env["res.company"].sudo().browse(int(user_match[1]))
                if user._is_public() or not user.has_group(BOARD_GROUP) \
                        or company not in user.company_ids:
                    continue
            else:
                company = self.env["worksafe.board"]._kiosk_company(kiosk_match[1])
                if not company:
                    continue
            channels.append((company, BOARD_SUBCHANNEL))
        return super()._build_bus_channel_list(channels)
