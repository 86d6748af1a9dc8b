"""Each company's readings, settings and alarms are its own; critical alarms reach every
holder of the safety officer role, managers included; one topic prefix for Odoo and the
bridges."""

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import IotCase
from .mqtt_broker import Broker, Client, wait_for
from odoo.addons.worksafe_iot.bridge.engine import Engine
from odoo.addons.worksafe_iot.models.permit import publish_config_changed


@tagged("post_install", "-at_install")
class TestIotCompanyScope(IotCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_bridge = new_test_user(
            cls.env, login="ws_iot_bridge_other", name="Other bridge",
            groups="base.group_user,worksafe_iot.group_worksafe_iot_bridge",
            company_id=cls.other_company.id, company_ids=[Command.set(cls.other_company.ids)])
        cls.other_detector = cls.env["worksafe.iot.device"].create({
            "name": "Other detector", "code": "T-GD-1", "kind": "gas_portable",
            "company_id": cls.other_company.id})

    def ingest_as(self, user, rows):
        return self.env["worksafe.iot.ingest"].with_user(user)._ingest({"readings": rows})

    def test_same_device_key_in_two_companies_is_not_a_duplicate(self):
        row = self.row("T-GD-1", 7, [("t_o2", 20.9, "%vol")])
        self.assertEqual(self.ingest_as(self.bridge_user, [row])["stored"], 1)
        answer = self.ingest_as(self.other_bridge, [dict(row)])
        self.assertEqual((answer["stored"], answer["duplicates"]), (1, 0))
        self.assertEqual(self.ingest_as(self.other_bridge, [dict(row)])["duplicates"], 1)
        readings = self.env["worksafe.iot.reading"].search([("device_code", "=", "T-GD-1")])
        self.assertEqual(sorted(readings.mapped("device_id").ids),
                         sorted((self.detector | self.other_detector).ids))
        self.assertEqual(sorted(readings.company_id.ids),
                         sorted((self.company | self.other_company).ids))

    def test_unknown_device_readings_belong_to_the_bridge_company(self):
        self.ingest_as(self.bridge_user, [self.row("NOBODY-9", 1, [("t_o2", 20.9, "%vol")])])
        Reading = self.env["worksafe.iot.reading"]
        reading = Reading.search([("device_code", "=", "NOBODY-9")])
        self.assertEqual((reading.company_id, reading.device_id), (self.company, Reading.device_id))
        self.assertTrue(Reading.with_user(self.officer).search([("device_code", "=", "NOBODY-9")]))
        self.assertFalse(Reading.with_user(self.foreign_worker).search(
            [("device_code", "=", "NOBODY-9")]))

    def test_critical_alarm_reaches_managers_by_implication(self):
        manager = new_test_user(
            self.env, login="ws_iot_manager", name="Manager",
            groups="worksafe_permit.group_worksafe_manager",
            company_id=self.company.id, company_ids=[Command.set(self.company.ids)])
        foreign_manager = new_test_user(
            self.env, login="ws_iot_foreign_manager", name="Foreign manager",
            groups="worksafe_permit.group_worksafe_manager",
            company_id=self.other_company.id, company_ids=[Command.set(self.other_company.ids)])
        permit = self.active_permit()
        self.ingest(events=[self.level("T-GD-1", "t_ch4", permit, "critical", 0.8)])
        alarm = permit.iot_alarm_ids
        self.assertEqual(alarm.level, "critical")
        recipients = alarm._recipients()
        self.assertIn(manager, recipients)
        self.assertIn(self.officer, recipients)
        self.assertNotIn(foreign_manager, recipients)
        self.assertFalse(recipients.filtered(lambda u: u._is_superuser()))

    def test_each_company_settings_judge_its_own_devices(self):
        self.company.worksafe_iot_warning_ratio = 0.5
        self.other_company.write({"worksafe_iot_warning_ratio": 0.3,
                                  "worksafe_iot_fault_action": "notify"})
        self.bridge_user.company_ids = [Command.set((self.company | self.other_company).ids)]
        self.other_detector.code = "T-GD-9"
        config = self.env["worksafe.iot.ingest"].with_user(self.bridge_user)._bridge_config()
        mine, theirs = (str(self.company.id), str(self.other_company.id))
        self.assertEqual(config["companies"][theirs]["warning_ratio"], 0.3)
        self.assertEqual(config["companies"][mine]["warning_ratio"], 0.5)
        self.assertEqual(config["devices"]["T-GD-1"]["company"], self.company.id)
        self.assertEqual(config["devices"]["T-GD-9"]["company"], self.other_company.id)
        # the engine applies the device's company's settings, not the bridge user's
        limit = {"gas": "h2s", "unit": "ppm", "max": 10.0, "kind": "toxic"}
        engine = Engine()
        engine.load({
            "settings": config["companies"][mine], "companies": config["companies"],
            "gases": {"h2s": {"rule": "h2s", "kind": "toxic"}},
            "devices": {"A": {"kind": "gas_fixed", "permits": [1], "company": self.company.id},
                        "B": {"kind": "gas_fixed", "permits": [2],
                              "company": self.other_company.id}},
            "permits": {"1": {"limits": [limit], "company": self.company.id},
                        "2": {"limits": [limit], "company": self.other_company.id}},
        }, 0.0)
        self.assertEqual(engine.settings(self.other_company.id)["fault_action"], "notify")
        self.assertEqual(engine._setpoints[2, "h2s"][0][1].high[0], 3.0)
        self.assertEqual(engine._setpoints[1, "h2s"][0][1].high[0], 5.0)
        faults = [{"device": code, "code": "_fault", "level": "fault", "previous": "normal",
                   "permit": permit} for code, permit in (("A", 1), ("B", 2))]
        self.assertEqual(engine.fault_permits(faults), {1})


@tagged("post_install", "-at_install")
class TestIotTopicPrefix(IotCase):
    def test_one_prefix_for_device_topics_config_and_the_push(self):
        self.env["res.config.settings"].create({"worksafe_iot_mqtt_prefix": "acme"}).execute()
        self.assertTrue(self.detector.topic_base.startswith("acme/"), self.detector.topic_base)
        config = self.env["worksafe.iot.ingest"].with_user(self.bridge_user)._bridge_config()
        self.assertEqual(config["mqtt"]["prefix"], "acme")
        self.assertEqual(config["actuators"]["T-RL-1"]["topic"], self.relay.topic_base)
        with self.assertRaises(UserError):
            self.env["res.config.settings"].create(
                {"worksafe_iot_mqtt_prefix": "a/b"}).execute()
        broker = Broker().start()
        self.addCleanup(broker.close)
        watcher = Client(broker.port, subscribe=["acme/_config/changed"])
        self.addCleanup(watcher.close)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("worksafe_iot.mqtt_host", "127.0.0.1")
        params.set_param("worksafe_iot.mqtt_port", str(broker.port))
        target = self.env["worksafe.permit"]._iot_notify_target()
        self.assertEqual(target, ("127.0.0.1", broker.port, "acme/_config/changed"))
        publish_config_changed(*target, self.env.cr.dbname)
        wait_for(lambda: watcher.received("acme/_config/changed"), message="the config push")
