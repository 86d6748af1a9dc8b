from odoo import fields, models
from odoo.exceptions import ValidationError

from ..exceptions import ApprovalRefused

# How many people are asked (an activity each) to decide an approval step.
CANDIDATES_ASKED = 10


class WorksafePermitApproval(models.Model):
    _name = "worksafe.permit.approval"
    _description = "Permit approval step"
    _inherit = ["worksafe.permit.line"]
    _order = "permit_id, sequence, id"

    # Built at submission from the level's chain, decided with the approve / reject actions.
    _guard_system_fields = frozenset({
        "sequence", "name", "group_id", "area_authority", "site_check", "site_checked",
        "state", "user_id", "date", "comment"})
    _guard_user_fields = frozenset()

    sequence = fields.Integer(readonly=True)
    name = fields.Char("Step", required=True, readonly=True)
    group_id = fields.Many2one("res.groups", "Role", readonly=True)
    area_authority = fields.Boolean(readonly=True)
    site_check = fields.Boolean("Site check required", readonly=True)
    site_checked = fields.Boolean("Site inspected", readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="pending", required=True, readonly=True,
    )
    user_id = fields.Many2one("res.users", "Decided by", readonly=True)
    date = fields.Datetime("Decided at", readonly=True)
    comment = fields.Text(readonly=True)

    # ------------------------------------------------------------------ who may decide
    def _refusals(self, user):
        """Why `user` may not decide this step now (rules.blockers.Blocker items; empty:
        they may). The checks live in the permit's _get_blockers("approve"), where other
        addons add theirs (worksafe_training: the approver's qualifications)."""
        self.ensure_one()
        return self.permit_id._get_blockers("approve", approval=self, users=user)

    def _candidates(self, limit=CANDIDATES_ASKED):
        """Up to `limit` users who may decide this step now, in a stable order.

        Only internal users of the permit's company are considered, read as superuser so that
        approvers of other companies are neither read (AccessError) nor asked. They are judged
        lazily, `limit` at a time: each batch costs the same few queries whatever its size,
        and the qualification checks of people beyond the first batches never run."""
        self.ensure_one()
        permit = self.permit_id.sudo()
        # The database narrows the members to the plausible ones (the blockers below stay
        # the judge), so that the batches are not spent on people refused at once.
        domain = [("all_group_ids", "in", self.group_id.ids), ("share", "=", False),
                  ("company_ids", "in", permit.company_id.ids),
                  ("id", "not in", (permit._own_users() | permit._approvers()).ids)]
        if self.area_authority:
            domain.append(("id", "in", permit._area_authorities().ids))
        members = self.env["res.users"].sudo().search(domain, order="id")
        found = self.env["res.users"].sudo()
        for start in range(0, len(members), limit):
            batch = members[start:start + limit]
            refused = {b.user_id for b in permit._get_blockers(
                "approve", approval=self.sudo(), users=batch)}
            if None in refused:  # the step itself cannot be decided now
                break
            found |= batch.filtered(lambda u, refused=refused: u.id not in refused)
            if len(found) >= limit:
                break
        return found[:limit]

    def _check_can_decide(self):
        """Refuse a user who may not decide, saying why and who can."""
        self.ensure_one()
        user = self.env.user
        blockers = self._refusals(user)
        if not blockers:
            return
        _ = self.env._
        candidates = self._candidates()
        message = "\n".join(b.message for b in blockers)
        if candidates:
            message += "\n" + _("Who can decide step '%(step)s': %(names)s.", step=self.name,
                                 names=", ".join(candidates.mapped("name")))
        else:
            message += "\n" + _("Nobody can decide step '%(step)s' now: check who holds the "
                                 "role %(role)s and their qualifications.", step=self.name,
                                 role=self.group_id.name)
        raise ApprovalRefused(message, blockers, candidates)

    # ------------------------------------------------------------------ decisions
    def _approve(self, comment=False, site_checked=False):
        """Approve this step as the current user; the last step approves the permit."""
        self.ensure_one()
        permit = self.permit_id
        self._check_can_decide()
        if self.site_check and not site_checked:
            raise ValidationError(self.env._(
                "Step '%(step)s' requires you to confirm the site inspection.", step=self.name))
        self._system_write({"state": "approved", "user_id": self.env.uid,
                           "date": fields.Datetime.now(), "comment": comment,
                           "site_checked": site_checked})
        # Only the approver's own request is marked done; the other candidates' requests
        # are withdrawn rather than each closed in the chatter.
        permit.activity_feedback(["worksafe_permit.mail_activity_permit_approval"],
                                 user_id=self.env.uid,
                                 feedback=self.env._("Approved %(step)s", step=self.name))
        permit.activity_unlink(["worksafe_permit.mail_activity_permit_approval"])
        body = self.env._("%(step)s approved.", step=self.name)
        if comment:
            body = f"{body} {comment}"
        permit.message_post(body=body, subtype_xmlid="mail.mt_note")
        permit._audit("permit.approval", body, {"step": self.name, "sequence": self.sequence,
                                                 "comment": comment or False,
                                                 "site_checked": bool(site_checked)})
        if permit._current_approval():
            permit._schedule_approval_activity()
        else:
            permit._transition("approve", self.env._("All approvals given"))
        return True

    def _reject(self, reason):
        """Reject this step as the current user: the permit goes back to its applicant."""
        self.ensure_one()
        permit = self.permit_id
        if not reason:
            raise ValidationError(self.env._("Give a reason for the rejection."))
        self._check_can_decide()
        self._system_write({"state": "rejected", "user_id": self.env.uid,
                           "date": fields.Datetime.now(), "comment": reason})
        permit.activity_unlink(["worksafe_permit.mail_activity_permit_approval"])
        permit.message_post(body=self.env._("Rejected at %(step)s: %(reason)s",
                                            step=self.name, reason=reason))
        permit._transition("reject", self.env._("Rejected: %(reason)s", reason=reason),
                           {"locked_variant_id": False, "locked_upgraded": False},
                           audit_values={"step": self.name, "reason": reason})
        return True
