from odoo import api, fields, models
from odoo.exceptions import UserError


class WorksafeViolation(models.Model):
    """A breach of the permit's rules by a person, and its rectification."""

    _name = "worksafe.violation"
    _description = "Safety violation"
    _inherit = ["mail.thread", "mail.activity.mixin", "worksafe.audit.mixin",
                "worksafe.guarded.mixin"]
    _order = "date desc, id desc"

    name = fields.Char("What happened", required=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True,
                                  ondelete="restrict")
    contractor_id = fields.Many2one(related="employee_id.worksafe_contractor_id", store=True,
                                    index=True, string="Contractor")
    permit_id = fields.Many2one("worksafe.permit", index=True, ondelete="set null")
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    severity = fields.Selection([("minor", "Minor"), ("serious", "Serious"),
                                 ("critical", "Critical")], required=True, default="minor")
    rectification = fields.Text("Rectification required")
    deadline = fields.Datetime("Rectify by")
    rectified_at = fields.Datetime(readonly=True)
    on_time = fields.Boolean("Rectified on time", compute="_compute_on_time", store=True)
    reported_by_id = fields.Many2one("res.users", readonly=True, default=lambda s: s.env.user)
    sanction_ids = fields.One2many("worksafe.sanction", "violation_id", "Sanctions")

    @api.depends("rectified_at", "deadline")
    def _compute_on_time(self):
        for violation in self:
            violation.on_time = bool(violation.rectified_at) and (
                not violation.deadline or violation.rectified_at <= violation.deadline)

    # what was recorded: changed after creation only by superuser code (the actions)
    RECORD_FIELDS = frozenset({"rectified_at", "date", "deadline", "severity", "employee_id",
                               "reported_by_id"})

    _guard_system_fields = frozenset({"rectified_at", "reported_by_id"})
    _guard_create_fields = RECORD_FIELDS - _guard_system_fields

    def _guard_action_message(self, names):
        return self.env._("A violation is a record: its person, time, severity and deadline do "
                          "not change, and it is rectified with its action.")

    @api.model_create_multi
    def create(self, vals_list):
        violations = super().create(vals_list)
        for violation in violations:
            violation._audit("violation.create", self.env._(
                "Violation by %(name)s: %(what)s", name=violation.employee_id.name,
                what=violation.name), {"employee": violation.employee_id.id,
                                       "severity": violation.severity, "what": violation.name})
        return violations

    def action_rectified(self):
        self.check_access("write")
        for violation in self:
            if violation.rectified_at:
                raise UserError(self.env._("Already rectified."))
            violation._system_write({"rectified_at": fields.Datetime.now()})
            violation._audit("violation.rectified", self.env._(
                "Violation rectified: %(what)s", what=violation.name),
                {"on_time": violation.on_time})
        return True

    def action_open_sanction(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "worksafe.sanction",
                "view_mode": "form", "target": "new", "name": self.env._("Sanction"),
                "context": {"default_violation_id": self.id,
                            "default_employee_id": self.employee_id.id,
                            "default_reason": self.name}}
