import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import payload as payload_rules
from .permit import mqtt_prefix

_logger = logging.getLogger(__name__)

DEVICE_KINDS = [
    ("gas_portable", "Portable gas detector"),
    ("gas_fixed", "Fixed gas detector"),
    ("temperature", "Temperature sensor"),
    ("flame", "Flame detector"),
    ("helmet", "Smart helmet / wearable"),
    ("relay", "Power relay (interlock)"),
    ("siren", "Alarm beacon / siren"),
]
SENSOR_KINDS = ("gas_portable", "gas_fixed", "temperature", "flame", "helmet")
ACTUATOR_KINDS = ("relay", "siren")
# What decides which permits a device serves: frozen while it serves one (or has an open
# alarm), so that a sensor cannot be made to vanish from a permit's start checks.
BINDING_FIELDS = frozenset({"active", "permit_id", "area_id", "kind", "company_id"})
# Changes of these are allowed but each goes into the audit trail.
AUDITED_DATES = ("calibration_due", "bump_test_due")
# What the device reports, written in bulk by the ingest endpoint (as superuser).
REPORTED_FIELDS = frozenset({"last_seen", "online", "battery", "last_values", "position_x",
                             "position_y", "position_lat", "position_lon", "has_position"})
LIVE_STATES = ("active", "suspended")
SERVED_STATES = ("issued", "active", "suspended")


class WorksafeIotDevice(models.Model):
    _name = "worksafe.iot.device"
    _description = "IoT device"
    _inherit = ["mail.thread", "worksafe.audit.mixin", "worksafe.guarded.mixin"]
    _order = "area_id, code"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char("Device ID", required=True, tracking=True,
                       help="The id the device puts in its MQTT payloads and topics.")
    kind = fields.Selection(DEVICE_KINDS, required=True, default="gas_portable", tracking=True)
    is_actuator = fields.Boolean(compute="_compute_is_actuator", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda s: s.env.company)
    active = fields.Boolean(default=True)
    area_id = fields.Many2one("worksafe.area", "Area", check_company=True, index=True,
                              tracking=True)
    equipment_id = fields.Many2one("maintenance.equipment", "Equipment", check_company=True)
    permit_id = fields.Many2one(
        "worksafe.permit", "Bound permit", check_company=True, index=True, tracking=True,
        help="Readings of this device are judged against this permit's limits. Without one, "
        "the device serves every active permit of its area.")
    worker_id = fields.Many2one("hr.employee", "Worn by", tracking=True,
                                help="For wearables: alarms are bound to this worker and the "
                                "active permits they work on.")
    topic_base = fields.Char(
        "MQTT topic", compute="_compute_topic_base", store=True, readonly=False,
        help="<prefix>/<site>/<area>/<device>; data, event, status, cmd and ack hang below it.")
    reporting_interval = fields.Integer("Reporting interval (s)", default=10)
    calibration_due = fields.Date("Calibration due", tracking=True)
    bump_test_due = fields.Date("Bump test due", tracking=True)
    temp_warning = fields.Float("Temperature warning (°C)")
    temp_alarm = fields.Float("Temperature alarm (°C)")
    temp_critical = fields.Float("Temperature critical (°C)")

    # live state, written in bulk by the ingest endpoint
    last_seen = fields.Datetime(readonly=True)
    online = fields.Boolean(readonly=True, default=False)
    battery = fields.Float("Battery (%)", readonly=True)
    last_values = fields.Json(readonly=True)
    last_values_display = fields.Char("Last values", compute="_compute_last_values_display")
    position_x = fields.Float(readonly=True)
    position_y = fields.Float(readonly=True)
    position_lat = fields.Float("Latitude", readonly=True, digits=(10, 7))
    position_lon = fields.Float("Longitude", readonly=True, digits=(10, 7))
    has_position = fields.Boolean(readonly=True)
    overdue = fields.Boolean("Calibration or bump test overdue", compute="_compute_health")
    stale = fields.Boolean("Silent", compute="_compute_health")
    health = fields.Selection([("ok", "OK"), ("fault", "Fault")], compute="_compute_health")
    alarm_ids = fields.One2many("worksafe.iot.alarm", "device_id", "Alarms")
    open_alarm_count = fields.Integer(compute="_compute_open_alarm_count")

    _code_company_unique = models.UniqueIndex("(company_id, code)")

    _guard_system_fields = REPORTED_FIELDS
    _guard_non_negative_fields = frozenset({"reporting_interval"})

    def _guard_action_message(self, names):
        return self.env._("%(fields)s: what a device reports comes from the device.",
                          fields=self._guard_labels(names))

    @api.depends("kind")
    def _compute_is_actuator(self):
        for device in self:
            device.is_actuator = device.kind in ACTUATOR_KINDS

    @api.depends("code", "area_id", "company_id.worksafe_iot_site")
    def _compute_topic_base(self):
        prefix = mqtt_prefix(self.env)
        for device in self:
            site = device.company_id.worksafe_iot_site or "site1"
            area = f"area{device.area_id.id}" if device.area_id else "none"
            device.topic_base = payload_rules.device_topic_base(prefix, site, area,
                                                                device.code or "")

    @api.depends("last_values")
    def _compute_last_values_display(self):
        for device in self:
            values = device.last_values or []
            device.last_values_display = ", ".join(
                f"{code} {value:g} {unit or ''}".strip() if isinstance(value, (int, float))
                else f"{code} -" for code, value, unit, *_rest in values)

    @api.depends("last_seen", "reporting_interval", "calibration_due", "bump_test_due",
                 "online")
    @api.depends_context("uid")
    def _compute_health(self):
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        for device in self:
            device.overdue = bool(
                (device.calibration_due and device.calibration_due < today)
                or (device.bump_test_due and device.bump_test_due < today))
            factor = device.company_id.worksafe_iot_stale_factor or 3.0
            limit = timedelta(seconds=factor * (device.reporting_interval or 60))
            device.stale = device.kind in SENSOR_KINDS and (
                not device.last_seen or now - device.last_seen > limit or not device.online)
            device.health = "fault" if device.overdue or device.stale else "ok"

    def _compute_open_alarm_count(self):
        data = dict(self.env["worksafe.iot.alarm"]._read_group(
            [("device_id", "in", self.ids), ("state", "!=", "closed")], ["device_id"],
            ["__count"]))
        for device in self:
            device.open_alarm_count = data.get(device, 0)

    def _fault_reasons(self):
        """Why this sensor cannot be trusted now (translated), empty if it can."""
        self.ensure_one()
        _ = self.env._
        reasons = []
        if self.kind not in SENSOR_KINDS:
            return reasons
        today = fields.Date.context_today(self)
        if self.calibration_due and self.calibration_due < today:
            reasons.append(_("%(device)s: calibration overdue since %(date)s",
                             device=self.display_name, date=self.calibration_due))
        if self.bump_test_due and self.bump_test_due < today:
            reasons.append(_("%(device)s: bump test overdue since %(date)s",
                             device=self.display_name, date=self.bump_test_due))
        if self.stale:
            reasons.append(_("%(device)s is silent or offline", device=self.display_name))
        return reasons

    def _live_permits(self, states=LIVE_STATES):
        """Active (or suspended) permits whose limits judge this device's readings."""
        self.ensure_one()
        Permit = self.env["worksafe.permit"].sudo()
        if self.kind == "helmet" and self.worker_id:
            return Permit.search([("state", "in", states), "|",
                                  ("worker_ids", "in", self.worker_id.id),
                                  ("watcher_ids", "in", self.worker_id.id)])
        if self.permit_id:
            return self.permit_id.sudo().filtered(lambda p: p.state in states)
        if self.area_id:
            return Permit.search([("state", "in", states), ("area_id", "=", self.area_id.id)])
        return Permit

    def action_view_alarms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "worksafe_iot.action_worksafe_iot_alarm")
        action["domain"] = [("device_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model_create_multi
    def create(self, vals_list):
        devices = super().create(vals_list)
        self.env["worksafe.permit"]._iot_config_changed()
        return devices

    def _check_binding_change(self):
        """Refuse to rebind/archive/delete a device that serves an issued, active or
        suspended permit or has an open alarm (superuser excepted)."""
        if self.env.su:
            return
        for device in self.sudo():
            busy = device._live_permits(SERVED_STATES)
            if not busy and device.kind != "helmet":
                busy = device.permit_id.filtered(lambda p: p.state in SERVED_STATES)
            has_open = self.env["worksafe.iot.alarm"].sudo().search_count(
                [("device_id", "=", device.id), ("state", "!=", "closed")], limit=1)
            if busy or has_open:
                raise UserError(self.env._(
                    "Device %(device)s serves live permits (%(permits)s) or has open alarms: "
                    "its area, permit, kind or company cannot change and it cannot be "
                    "archived or deleted until they are closed.",
                    device=device.display_name,
                    permits=", ".join(busy.mapped("name")) or "-"))

    def write(self, vals):
        vals, changed = self._guard_effective_vals(vals)
        if BINDING_FIELDS.intersection(changed):
            changing = self.filtered(lambda d: any(
                d._guard_differs(f, vals[f]) for f in BINDING_FIELDS.intersection(changed)))
            changing._check_binding_change()
        before = {device.id: {f: device[f] for f in AUDITED_DATES} for device in self} \
            if any(f in vals for f in AUDITED_DATES) else {}
        result = super().write(vals)
        for device in self.filtered(lambda d: d.id in before):
            changed = {f: [fields.Date.to_string(before[device.id][f]) or False,
                           fields.Date.to_string(device[f]) or False]
                       for f in AUDITED_DATES if device[f] != before[device.id][f]}
            if changed:
                device._audit("iot.device.dates", self.env._(
                    "Calibration / bump test dates of %(device)s changed",
                    device=device.display_name), {"device": device.code, "changes": changed})
        if set(changed) - REPORTED_FIELDS:
            self.env["worksafe.permit"]._iot_config_changed()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_not_while_serving(self):
        self._check_binding_change()

    def action_record_calibration(self):
        """Record a calibration done today: the next one falls due in a year; audited like
        any change of the date."""
        today = fields.Date.context_today(self)
        for device in self:
            device.calibration_due = fields.Date.add(today, days=365)
        return True

    @api.model
    def _cron_check_silent(self):
        """Backstop for a dead bridge: sensors of active permits that stopped reporting raise
        a fault alarm in Odoo even when no bridge is left to say so."""
        Alarm = self.env["worksafe.iot.alarm"].sudo()
        for device in self.sudo().search([("kind", "in", SENSOR_KINDS)]):
            try:
                with self.env.cr.savepoint():
                    if not device.stale:
                        continue
                    for permit in device._live_permits().filtered(
                            lambda p: p.state == "active"):
                        Alarm._apply_level({"code": "_fault", "level": "fault",
                                            "reasons": ["silent (checked by Odoo)"]},
                                           device, permit)
            except Exception:  # noqa: BLE001 - one device must not stop the backstop
                _logger.exception("worksafe_iot: silent check failed for device %s",
                                  device.code)
        return True
