import json
import logging

from odoo import api, fields, models

from ..rules import payload as payload_rules

_logger = logging.getLogger(__name__)

MQTT_HOST = "worksafe_iot.mqtt_host"
MQTT_PORT = "worksafe_iot.mqtt_port"
MQTT_PREFIX = "worksafe_iot.mqtt_prefix"


def mqtt_prefix(env):
    """The MQTT topic prefix: one system parameter, read by Odoo for the device topics and
    the config push, and sent to the bridges in their configuration."""
    prefix = env["ir.config_parameter"].sudo().get_param(MQTT_PREFIX)
    return prefix if payload_rules.valid_prefix(prefix) else payload_rules.DEFAULT_PREFIX


# Codes this addon adds to worksafe_permit's rules.blockers (start and resume).
BLOCKER_ALARM_OPEN = "iot.alarm_open"
BLOCKER_SENSOR_FAULT = "iot.sensor_fault"
BLOCKER_RETEST_AFTER_ALARM = "iot.gas_retest_after_alarm"


class WorksafePermit(models.Model):
    _inherit = "worksafe.permit"

    iot_device_ids = fields.One2many("worksafe.iot.device", "permit_id", "Bound sensors")
    iot_alarm_ids = fields.One2many("worksafe.iot.alarm", "permit_id", "Sensor alarms")
    iot_open_alarm_count = fields.Integer("Open alarms", compute="_compute_iot_alarms")
    iot_critical_open = fields.Boolean("Critical alarm open", compute="_compute_iot_alarms")
    iot_wearable_ids = fields.Many2many("worksafe.iot.device", string="Worker positions",
                                        compute="_compute_iot_wearables")
    iot_area_device_ids = fields.Many2many("worksafe.iot.device", string="Area sensors",
                                           compute="_compute_iot_wearables")

    @api.depends("iot_alarm_ids.state", "iot_alarm_ids.peak_level")
    def _compute_iot_alarms(self):
        for permit in self:
            open_alarms = permit.iot_alarm_ids.filtered(lambda a: a.state != "closed")
            permit.iot_open_alarm_count = len(open_alarms)
            permit.iot_critical_open = any(a.peak_level in ("critical", "fault")
                                           for a in open_alarms)

    @api.depends("worker_ids", "watcher_ids", "area_id")
    def _compute_iot_wearables(self):
        Device = self.env["worksafe.iot.device"]
        for permit in self:
            people = (permit.worker_ids | permit.watcher_ids).ids
            permit.iot_wearable_ids = Device.search(
                [("kind", "=", "helmet"), ("worker_id", "in", people)]) if people else Device
            permit.iot_area_device_ids = Device.search(
                [("area_id", "=", permit.area_id.id), ("kind", "!=", "helmet")]) \
                if permit.area_id else Device

    def _iot_sensors(self):
        """Sensors whose readings judge this permit: bound ones, else the area's."""
        self.ensure_one()
        return self.env["worksafe.iot.device"].sudo().search([
            ("kind", "in", ("gas_portable", "gas_fixed", "temperature", "flame")), "|",
            ("permit_id", "=", self.id), "&", ("permit_id", "=", False),
            ("area_id", "=", self.area_id.id)])

    def _get_blockers(self, stage, now=None, **options):
        blockers = super()._get_blockers(stage, now, **options)
        if stage in ("start", "resume") and not options.get("quick"):
            blockers += self._iot_blockers()
        return blockers

    def _iot_blockers(self):
        """Sensors: open alarms, untrusted sensors, and the new gas test an alarm calls for."""
        _ = self.env._
        blockers = []
        Alarm = self.env["worksafe.iot.alarm"].sudo()
        # the permit's own alarms and those that suspended it through the "whole area" rule
        mine = ["|", ("permit_id", "=", self.id), ("suspended_permit_ids", "in", self.id)]
        open_alarms = Alarm.search(mine + [
            ("state", "!=", "closed"), ("peak_level", "in", ("critical", "fault", "alarm"))])
        for alarm in open_alarms:
            blockers.append(self._blocker(
                BLOCKER_ALARM_OPEN,
                _("Sensor alarm not reset (back to normal and acknowledged): %(alarm)s.",
                  alarm=alarm.name),
                url=f"/odoo/worksafe.iot.alarm/{alarm.id}", label=_("Open the alarm")))
        for device in self._iot_sensors():
            blockers += [self._blocker(BLOCKER_SENSOR_FAULT, reason,
                                       url=f"/odoo/worksafe.iot.device/{device.id}",
                                       label=_("Open the sensor"))
                         for reason in device._fault_reasons()]
        # live criticals, and any alarm that did suspend this permit (a later replayed raise
        # of the same alarm must not waive the gas test)
        last_critical = Alarm.search(mine + [
            ("peak_level", "in", ("critical", "fault")), "|", ("historical", "=", False),
            ("suspended_permit_ids", "in", self.id)], order="raised_at desc", limit=1)
        if last_critical:
            passed_after = self.gas_test_ids.filtered(
                lambda t: t.passed and t.sample_time >= last_critical.raised_at)
            if not passed_after:
                blockers.append(self._blocker(
                    BLOCKER_RETEST_AFTER_ALARM,
                    _("A new passing gas test is needed after the sensor alarm of %(when)s.",
                      when=self._format_dt(last_critical.raised_at)),
                    url=self._blocker_url(
                        "action-worksafe_permit.action_worksafe_scan_gas_test"),
                    label=_("Record a gas test")))
        return blockers

    def write(self, vals):
        result = super().write(vals)
        if "state" in vals or "area_id" in vals or "gas_limit_ids" in vals:
            self._iot_config_changed()
        return result

    @api.model
    def _iot_config_changed(self):
        """Tell the bridges to refresh their limits now (after commit): a retained-less QoS 1
        message on <prefix>/_config/changed.  Best effort: bridges also poll."""
        target = self._iot_notify_target()
        if not target or self.env.context.get("worksafe_iot_no_notify"):
            return
        cr = self.env.cr
        if cr.postcommit.data.get("worksafe_iot_notify"):
            return
        cr.postcommit.data["worksafe_iot_notify"] = True
        dbname = cr.dbname
        cr.postcommit.add(lambda: publish_config_changed(*target, dbname))

    @api.model
    def _iot_notify_target(self):
        """(host, port, topic) of the config push, or None without a broker configured."""
        params = self.env["ir.config_parameter"].sudo()
        host = params.get_param(MQTT_HOST)
        if not host:
            return None
        port = int(params.get_param(MQTT_PORT) or 1883)
        return host, port, payload_rules.config_topic(mqtt_prefix(self.env))

    def action_view_iot_alarms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "worksafe_iot.action_worksafe_iot_alarm")
        action["domain"] = [("permit_id", "=", self.id)]
        action["context"] = {}
        return action


def publish_config_changed(host, port, topic, dbname):
    try:
        from paho.mqtt import publish

        publish.single(topic, json.dumps({"db": dbname}), qos=1, hostname=host, port=port,
                       keepalive=5)
    except Exception as error:  # noqa: BLE001 - the bridge polls anyway
        _logger.info("worksafe_iot: could not notify the bridges: %s", error)
