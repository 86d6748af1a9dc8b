import logging
import time
import uuid

from odoo import fields, models

from odoo.addons.worksafe_iot.models.permit import MQTT_HOST, MQTT_PORT
from odoo.addons.worksafe_iot.rules import payload as payload_rules

_logger = logging.getLogger(__name__)


class WorksafeEmergencyEvent(models.Model):
    _inherit = "worksafe.emergency.event"

    iot_alarm_ids = fields.One2many("worksafe.iot.alarm", "emergency_event_id", "Sensor alarms")
    interlock_ids = fields.One2many("worksafe.iot.interlock", "emergency_event_id",
                                    "Interlock commands")

    def _after_raise(self):
        result = super()._after_raise()
        for event in self:
            event._trip_interlocks()
        return result

    def _area_actuators(self):
        self.ensure_one()
        return self.env["worksafe.iot.device"].sudo().search([
            ("is_actuator", "=", True), ("company_id", "=", self.company_id.id),
            ("area_id", "in", self.affected_area_ids.ids)])

    def _trip_interlocks(self):
        """Every actuator of the affected areas gets a retained trip command on its MQTT
        ``cmd`` topic (the worksafe_iot scheme), recorded as an interlock the actuator
        acknowledges and a safety officer releases. A drill publishes nothing."""
        self.ensure_one()
        actuators = self._area_actuators()
        if self.is_drill:
            self._audit("emergency.drill_no_interlock", self.env._(
                "Drill: %(count)s interlocks would have been tripped", count=len(actuators)),
                {"actuators": actuators.mapped("code")})
            return self.env["worksafe.iot.interlock"]
        if not actuators:
            return self.env["worksafe.iot.interlock"]
        now = fields.Datetime.now()
        reason = self.env._("Emergency %(event)s", event=self.name)
        vals_list, messages = [], []
        for actuator in actuators:
            permits = self.permit_ids.filtered(lambda p, a=actuator: p.area_id == a.area_id)
            cmd_id = f"emg{self.id}-{uuid.uuid4().hex[:12]}"
            vals_list.append({"actuator_id": actuator.id, "cmd_id": cmd_id, "reason": reason,
                              "sent_at": now, "emergency_event_id": self.id,
                              "permit_ids": [fields.Command.set(permits.ids)]})
            messages.append((f"{actuator.topic_base}/cmd", payload_rules.interlock_payload(
                cmd_id, "trip", reason, time.time(), permits.ids)))
        interlocks = self.env["worksafe.iot.interlock"].sudo().create(vals_list)
        self._audit("emergency.interlock", self.env._("%(count)s interlocks tripped",
                                                      count=len(interlocks)),
                    {"commands": interlocks.mapped("cmd_id"),
                     "actuators": actuators.mapped("code")})
        self._publish_after_commit(messages)
        self.env["worksafe.permit"]._iot_config_changed()
        return interlocks

    def _publish_after_commit(self, messages):
        """The commands go out once the event is committed (a rolled-back alarm trips
        nothing it has no record of)."""
        params = self.env["ir.config_parameter"].sudo()
        host = params.get_param(MQTT_HOST)
        if not host:
            _logger.warning("worksafe_emergency_iot: no MQTT broker configured, %s interlock "
                            "commands not published", len(messages))
            return
        port = int(params.get_param(MQTT_PORT) or 1883)
        self.env.cr.postcommit.add(lambda: publish_commands(host, port, messages))

    def _people_on_site(self, permits):
        """Helmets worn in the affected areas count as on site, at their last position."""
        people = super()._people_on_site(permits)
        helmets = self.env["worksafe.iot.device"].sudo().search([
            ("kind", "=", "helmet"), ("worker_id", "!=", False), ("online", "=", True),
            ("company_id", "=", self.company_id.id), "|",
            ("area_id", "in", self.affected_area_ids.ids),
            ("worker_id", "in", list(people))])
        for helmet in helmets:
            where = self.env._("helmet %(code)s at x %(x)s, y %(y)s (%(when)s)",
                               code=helmet.code, x=round(helmet.position_x, 1),
                               y=round(helmet.position_y, 1), when=helmet.last_seen) \
                if helmet.has_position else self.env._("helmet %(code)s", code=helmet.code)
            source = people.get(helmet.worker_id.id, ("helmet", ""))[0]
            people[helmet.worker_id.id] = (source, where)
        return people


def publish_commands(host, port, messages):
    try:
        from paho.mqtt import publish

        publish.multiple([{"topic": topic, "payload": body, "qos": 1, "retain": True}
                          for topic, body in messages], hostname=host, port=port, keepalive=5)
    except Exception as error:  # noqa: BLE001 - logged loudly: the trip did not go out
        _logger.error("worksafe_emergency_iot: interlock commands NOT published: %s", error)
