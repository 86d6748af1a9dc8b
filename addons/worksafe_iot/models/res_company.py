from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Company settings for live monitoring: numbers a safety manager edits, not constants.
    worksafe_iot_site = fields.Char("MQTT site code", default="site1",
                                    help="Second segment of this company's MQTT topics.")
    worksafe_iot_warning_ratio = fields.Float(
        "Warning at (fraction of the limit)", default=0.5, digits=(4, 2),
        help="Early warning (A1) for toxic and combustible gases, as a fraction of the "
        "permit's limit. 0 disables it.")
    worksafe_iot_alarm_ratio = fields.Float(
        "Alarm at (fraction of the limit)", default=0.8, digits=(4, 2),
        help="Alarm (A2) for toxic and combustible gases, as a fraction of the permit's "
        "limit. Beyond the limit itself the alarm is critical.")
    worksafe_iot_deadband = fields.Float(
        "Hysteresis (rising limits)", default=0.2, digits=(4, 2),
        help="A high alarm clears only below (1 - this) × its setpoint (0.2: at 80 %).")
    worksafe_iot_deadband_low = fields.Float(
        "Hysteresis (falling limits)", default=0.01, digits=(4, 3),
        help="A low alarm (oxygen deficiency) clears only above (1 + this) × its setpoint.")
    worksafe_iot_stale_factor = fields.Float(
        "Stale after (reporting intervals)", default=3.0, digits=(4, 1),
        help="A sensor silent for this many reporting intervals is in fault.")
    worksafe_iot_historical_age = fields.Integer(
        "Replayed data older than (s)", default=30,
        help="Readings older than this on arrival are stored but never trip an interlock.")
    worksafe_iot_suspend_area = fields.Boolean(
        "Critical alarm suspends the whole area", default=False,
        help="A critical alarm suspends every active permit in the sensor's area, not only "
        "the permits the sensor is bound to.")
    worksafe_iot_fault_action = fields.Selection(
        [("notify", "Alarm only"), ("suspend", "Suspend the permit and trip interlocks")],
        "On sensor fault", default="suspend", required=True,
        help="What a stale, offline, bad-quality or overdue sensor bound to an active permit "
        "does.")
