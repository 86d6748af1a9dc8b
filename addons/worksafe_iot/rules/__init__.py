"""Pure-Python rule layer of worksafe_iot (no Odoo import): alarm semantics and the MQTT
payload scheme, shared by the Odoo models and the standalone bridge (which loads these files
by path)."""

from . import alarm, payload

__all__ = ["alarm", "payload"]
