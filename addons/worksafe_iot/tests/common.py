import time

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.worksafe_permit.rules.blockers import codes
from odoo.addons.worksafe_permit.tests.common import WorksafeCase


def start_codes(permit):
    """The codes of what keeps `permit` from starting (or resuming) now."""
    return codes(permit._get_blockers(permit._start_stage(), fields.Datetime.now()))


class IotCase(WorksafeCase):
    """WorksafeCase plus a bridge user, a gas detector and a relay in the test area."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bridge_user = new_test_user(
            cls.env, login="ws_iot_bridge", name="Bridge",
            groups="base.group_user,worksafe_iot.group_worksafe_iot_bridge")
        Device = cls.env["worksafe.iot.device"]
        cls.detector = Device.create({
            "name": "Detector 1", "code": "T-GD-1", "kind": "gas_portable",
            "area_id": cls.area.id, "reporting_interval": 5,
            "calibration_due": "2099-01-01", "bump_test_due": "2099-01-01"})
        cls.relay = Device.create({"name": "Relay 1", "code": "T-RL-1", "kind": "relay",
                                   "area_id": cls.area.id})
        cls.helmet = Device.create({"name": "Helmet 1", "code": "T-HM-1", "kind": "helmet",
                                    "worker_id": cls.worker.id, "reporting_interval": 10})
        cls.template.gas_limit_ids.filtered(lambda lim: lim.gas_id == cls.gas_h2s).write(
            {"has_stel": True, "stel_value": 15.0})

    def setUp(self):
        super().setUp()
        self.seen_now()

    def seen_now(self, *devices):
        ((devices and self.env["worksafe.iot.device"].concat(*devices)) or
         self.detector | self.helmet).write({"last_seen": fields.Datetime.now(),
                                              "online": True})

    def active_permit(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        self.assertEqual(permit.state, "active")
        return permit

    def ingest(self, readings=(), events=()):
        return self.env["worksafe.iot.ingest"].with_user(self.bridge_user)._ingest(
            {"readings": list(readings), "events": list(events)})

    @staticmethod
    def row(device, seq, values, boot=1, ts=None, **extra):
        now = time.time()
        row = {"d": device, "b": boot, "s": seq, "t": ts or now, "r": now,
               "m": [[code, value, unit, "good"] for code, value, unit in values]}
        row.update(extra)
        return row

    @staticmethod
    def level(device, code, permit, level, value=None, unit="%vol", **extra):
        now = time.time()
        event = {"type": "level", "device": device, "code": code, "permit": permit.id,
                 "level": level, "value": value, "unit": unit, "ts": now, "received": now,
                 "limit": 0.5}
        event.update(extra)
        return event
