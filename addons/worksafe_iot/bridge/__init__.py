"""Standalone WorkSafe MQTT bridge (no Odoo import).  Run it with ``worksafe-bridge -c FILE``
(the script next to this file) or ``python3 addons/worksafe_iot/bridge -c FILE``."""
