from odoo import fields, models

from ..exceptions import BlockedError
from ..rules import blockers as blocker_rules
from ..rules import simops as simops_rules
from ..rules import validity as validity_rules


class WorksafePermitPreconditions(models.AbstractModel):
    """What keeps a permit from moving on: submission, issue, start, resume and each
    approval, as rules.blockers.Blocker items (code, message, what clears it).

    Mixed into worksafe.permit, which provides the states each stage starts from
    (`_stage_sources`, from its TRANSITIONS table), the records checked here and
    `_format_dt`. Other addons extend `_get_blockers` on worksafe.permit with super().
    """

    _name = "worksafe.permit.preconditions.mixin"
    _description = "Permit preconditions"

    def _get_blockers(self, stage, now=None, **options):
        """What keeps this permit from passing `stage` now: a list of rules.blockers.Blocker
        (code, message, what clears it); empty when nothing does.

        The one place preconditions live: other addons override it, call super() and append
        their own items for the stages they care about.

        stage: "submit", "issue", "start", "resume", "approve" or "close"
            (rules.blockers.STAGES).
        options:
            quick (bool): only what the permit's own records show, for the form. No fresh
                SIMOPS scan here; addons skip their searches (sensors, qualifications).
                Starting work always runs the full check.
            conflicts (list): SIMOPS conflicts (rules.simops.Conflict) the caller has just
                found, sparing a second scan.
            approval, users (approve stage): the step and the users judged at once. Items
                about one user carry its user_id; items without concern everyone.
        """
        self.ensure_one()
        if stage not in blocker_rules.STAGES:
            raise ValueError(f"unknown stage {stage!r}")
        now = now or fields.Datetime.now()
        blockers = []
        if self.state not in self._stage_sources()[stage]:
            blockers.append(self._blocker(blocker_rules.STATE, self._state_message(stage)))
        if stage == "submit":
            blockers += self._submit_blockers(options.get("conflicts"))
        elif stage == "issue":
            blockers += self._issue_blockers(now)
        elif stage in ("start", "resume"):
            blockers += self._on_site_blockers(now, options)
        elif stage == "close":
            blockers += self._close_blockers()
        else:
            blockers += self._approval_blockers(options["approval"], options["users"])
        return blockers

    def _raise_blockers(self, stage, now=None, **options):
        blockers = self._get_blockers(stage, now, **options)
        if blockers:
            _ = self.env._
            intro = {
                "submit": _("%(permit)s cannot be submitted yet:", permit=self.name),
                "issue": _("%(permit)s cannot be issued yet:", permit=self.name),
                "start": _("Work cannot start:"), "resume": _("Work cannot resume:"),
                "approve": _("You cannot approve this step:"),
                "close": _("%(permit)s cannot be closed yet:", permit=self.name),
            }[stage]
            raise BlockedError(intro + "\n• " + "\n• ".join(b.message for b in blockers),
                               blockers)

    def _start_stage(self):
        """The stage a scan on site is about: resuming a suspended permit, else starting."""
        return "resume" if self.state == "suspended" else "start"

    def _blocker(self, code, message, url=None, label=None, user=None):
        return blocker_rules.Blocker(code=code, message=message, url=url, label=label,
                                     user_id=user.id if user else None)

    def _blocker_url(self, *path):
        """Where the web client opens `path` (model/id, or action-xmlid) from this permit."""
        return "/".join((f"/odoo/worksafe.permit/{self.id}", *map(str, path)))

    def _state_message(self, stage):
        _ = self.env._
        return {
            "submit": _("Only a draft can be submitted."),
            "issue": _("Only an approved permit can be issued."),
            "start": _("The permit is not issued."),
            "resume": _("The permit is not suspended."),
            "approve": _("The permit is not waiting for approval."),
            "close": _("Only a handed-back permit can be closed."),
        }[stage]

    def _submit_blockers(self, conflicts=None):
        _ = self.env._
        b = blocker_rules
        blockers = []
        if not self.variant_id:
            blockers.append(self._blocker(b.NO_LEVEL, _(
                "No level matches the parameters of this %(type)s permit "
                "(check the height, mass or depth).", type=self.work_type_id.name)))
        window = validity_rules.window_error(
            self.planned_start, self.planned_end, self.variant_id.max_validity_hours or None)
        if window:
            code, data = window
            if code == "too_long":
                blockers.append(self._blocker(b.WINDOW_TOO_LONG, _(
                    "The planned window lasts %(hours)s h, longer than the %(max)s h allowed "
                    "for %(level)s.", hours=data["hours"], max=data["max_hours"],
                    level=self.variant_id.display_name)))
            else:
                blockers.append(self._blocker(b.WINDOW_INVALID, _(
                    "The planned window is incomplete or ends before it starts.")))
        if len(self.watcher_ids) < max(self.variant_id.min_watchers, 1):
            blockers.append(self._blocker(b.WATCHERS_TOO_FEW, _(
                "%(level)s needs %(count)s watcher(s).",
                level=self.variant_id.display_name or self.work_type_id.name,
                count=max(self.variant_id.min_watchers, 1))))
        if not self.worker_ids:
            blockers.append(self._blocker(b.NO_WORKERS, _("Name the workers.")))
        if self.variant_id.written_plan_required and not self.written_plan:
            blockers.append(self._blocker(b.WRITTEN_PLAN_MISSING, _(
                "%(level)s needs a written work plan attached.",
                level=self.variant_id.display_name)))
        unanswered = self.measure_ids.filtered(lambda m: not m.applies)
        if unanswered:
            blockers.append(self._blocker(b.MEASURES_UNANSWERED, _(
                "Say whether each control measure applies: %(names)s.",
                names=", ".join(unanswered.mapped("name")))))
        if not self.risk_ids:
            blockers.append(self._blocker(b.RISK_EMPTY, _("The risk assessment is empty.")))
        if not self.variant_id.approval_step_ids and self.variant_id:
            blockers.append(self._blocker(b.NO_APPROVAL_CHAIN, _(
                "%(level)s has no approval chain configured.",
                level=self.variant_id.display_name)))
        if conflicts is None:
            conflicts = self.env["worksafe.permit.conflict"]._find_for(self)
        blockers += self._simops_blockers(conflicts, acknowledged=None)
        if self.coordinator_id and (
                self.coordinator_id == self.applicant_id
                or not self.coordinator_id.has_group("worksafe_permit.group_worksafe_approver")):
            blockers.append(self._blocker(b.COORDINATOR_INVALID, _(
                "The SIMOPS coordinator must be an approver other than the applicant.")))
        if conflicts and not self.coordinator_id:
            others = self.browse({c.other_id for c in conflicts}).sudo()
            blockers.append(self._blocker(b.COORDINATOR_MISSING, _(
                "This permit overlaps other work (%(others)s): name a SIMOPS coordinator.",
                others=", ".join(others.mapped("name")))))
        blockers += self._standards_submission_problems()
        return blockers

    def _close_blockers(self):
        """Closing: every closure step (the area inspected, the site restored) is done."""
        todo = self.step_ids.filtered(lambda s: s.phase == "closure" and s.state != "done")
        if not todo:
            return []
        return [self._blocker(blocker_rules.CLOSE_STEPS, self.env._(
            "Finish these steps first: %(steps)s.", steps=", ".join(todo.mapped("name"))))]

    def _issue_blockers(self, now):
        _ = self.env._
        blockers = []
        if now >= self.planned_end:
            blockers.append(self._blocker(blocker_rules.WINDOW_ENDED, _(
                "The planned window of %(permit)s is over: it cannot be issued.",
                permit=self.name)))
        unconfirmed = self.measure_ids.filtered(
            lambda m: m.applies == "yes" and not m.confirmed_by_id)
        if unconfirmed:
            blockers.append(self._blocker(blocker_rules.MEASURES_UNCONFIRMED, _(
                "Confirm the applicable control measures first: %(names)s.",
                names=", ".join(unconfirmed.mapped("name"))), url=self._blocker_url(),
                label=_("Confirm the measures")))
        return blockers

    def _on_site_blockers(self, now, options):
        """Start and resume: everything that keeps the work from starting now, each named."""
        _ = self.env._
        b = blocker_rules
        blockers = []
        if now < self.planned_start:
            blockers.append(self._blocker(b.WINDOW_NOT_STARTED, _(
                "The permit is valid only from %(start)s.",
                start=self._format_dt(self.planned_start))))
        if now >= self.planned_end:
            blockers.append(self._blocker(b.WINDOW_ENDED, _(
                "The permit's validity ended at %(end)s.", end=self._format_dt(self.planned_end))))
        blockers += self._gas_blockers(now)
        briefing = self.briefing_ids.filtered("complete")[:1]
        if not briefing:
            latest = self.briefing_ids[:1]
            blockers.append(self._blocker(
                b.BRIEFING_MISSING,
                _("The safety briefing has not been signed by the briefer and every worker "
                  "and watcher."),
                url=self._blocker_url("worksafe.permit.briefing", latest.id) if latest else
                self._blocker_url("action-worksafe_permit.action_worksafe_scan_briefing"),
                label=_("Sign the briefing") if latest else _("Hold the briefing")))
        else:
            unbriefed = (self.worker_ids | self.watcher_ids) - briefing.signature_ids.filtered(
                "signed_at").employee_id
            if unbriefed:
                blockers.append(self._blocker(
                    b.BRIEFING_UNSIGNED,
                    _("Not briefed: %(names)s.", names=", ".join(unbriefed.mapped("name"))),
                    url=self._blocker_url("worksafe.permit.briefing", briefing.id),
                    label=_("Sign the briefing")))
        if not self.watcher_on_site_id or self.watcher_on_site_id not in self.watcher_ids:
            blockers.append(self._blocker(b.WATCHER_NOT_ON_SITE, _(
                "No watcher has checked in on site."), url="#checkin",
                label=_("Check in as the watcher")))
        for step in self.step_ids.filtered(lambda s: s.phase == "preparation"
                                           and s.state != "done"):
            blockers.append(self._blocker(
                b.STEP_NOT_DONE, _("Step not done: %(step)s.", step=step.name),
                url=self._blocker_url("worksafe.permit.step", step.id),
                label=_("Complete %(step)s", step=step.name)))
        for linked in self.linked_permit_ids:
            if linked.state != "active":
                blockers.append(self._blocker(
                    b.LINKED_NOT_ACTIVE,
                    _("Linked permit %(permit)s is not active.", permit=linked.name),
                    url=f"/odoo/worksafe.permit/{linked.id}",
                    label=_("Open %(permit)s", permit=linked.name)))
        acknowledged = {(c.other_permit_id.id, c.rule_id.id)
                        for c in self.conflict_ids if c.acknowledged_by_id}
        conflicts = options.get("conflicts")
        if conflicts is None and options.get("quick"):
            # the conflicts recorded at submission and at the last scan
            conflicts = [simops_rules.Conflict(permit_id=self.id,
                                               other_id=c.other_permit_id.id,
                                               rule_id=c.rule_id.id, action=c.action,
                                               distance_m=c.distance_m)
                         for c in self.conflict_ids]
        elif conflicts is None:
            conflicts = self.env["worksafe.permit.conflict"]._find_for(self)
        blockers += self._simops_blockers(conflicts, acknowledged)
        blockers += self._standards_start_problems(now)
        return blockers

    def _simops_blockers(self, conflicts, acknowledged):
        """Forbidden overlaps block; others block until the coordinator acknowledges them
        (`acknowledged`: {(other permit id, rule id)}; None at submission, where the
        coordinator has not been asked yet)."""
        _ = self.env._
        blockers = []
        if not conflicts:
            return blockers
        rules = self.env["worksafe.simops.rule"].sudo().browse({c.rule_id for c in conflicts})
        others = self.sudo().browse({c.other_id for c in conflicts})
        records = {(c.other_permit_id.id, c.rule_id.id): c for c in self.conflict_ids}
        for conflict in conflicts:
            rule = rules.browse(conflict.rule_id)
            other = others.browse(conflict.other_id)
            if conflict.action == "block":
                blockers.append(self._blocker(
                    blocker_rules.SIMOPS_FORBIDDEN,
                    _("Forbidden simultaneous work: %(rule)s with %(permit)s.",
                      rule=rule.name, permit=other.name),
                    url=f"/odoo/worksafe.permit/{other.id}",
                    label=_("Open %(permit)s", permit=other.name)))
            elif acknowledged is not None and \
                    (conflict.other_id, conflict.rule_id) not in acknowledged:
                record = records.get((conflict.other_id, conflict.rule_id))
                blockers.append(self._blocker(
                    blocker_rules.SIMOPS_NOT_ACKNOWLEDGED,
                    _("The coordinator has not acknowledged %(rule)s with %(permit)s.",
                      rule=rule.name, permit=other.name),
                    url=self._blocker_url("worksafe.permit.conflict", record.id) if record
                    else self._blocker_url(),
                    label=_("Acknowledge (coordinator)")))
        return blockers

    def _gas_blockers(self, now):
        _ = self.env._
        b = blocker_rules
        if not self._gas_test_required():
            return []
        test_url = self._blocker_url("action-worksafe_permit.action_worksafe_scan_gas_test")
        label = _("Record a gas test")
        last = self.last_gas_test_id
        if not last:
            return [self._blocker(b.GAS_TEST_MISSING, _("No gas test has been taken."),
                                  url=test_url, label=label)]
        if not last.passed:
            return [self._blocker(b.GAS_TEST_FAILED, _(
                "The last gas test (%(time)s) failed: %(why)s",
                time=last.sample_time_display, why=last.failure_summary),
                url=test_url, label=label)]
        window = self._effective_gas_window()
        if not validity_rules.gas_test_is_fresh(last.sample_time, now, window):
            return [self._blocker(b.GAS_TEST_STALE, _(
                "The last gas test is older than %(minutes)s minutes: test again.",
                minutes=window), url=test_url, label=label)]
        if self.break_started and validity_rules.retest_required(
                last.sample_time, self.break_started, now, self._effective_retest_break() or 0):
            return [self._blocker(b.GAS_RETEST_AFTER_BREAK, _(
                "Work stopped for longer than %(minutes)s minutes: test the gas again.",
                minutes=self._effective_retest_break()), url=test_url, label=label)]
        return []

    def _approval_blockers(self, approval, users):
        """Why each of `users` may not decide `approval` now (items carry the user)."""
        _ = self.env._
        b = blocker_rules
        if approval != self._current_approval() or approval.state != "pending":
            return [self._blocker(b.NO_PENDING_STEP, _("This approval step is not pending."))]
        blockers = []
        own = self._own_users()
        approved = self._approvers()
        authorities = None
        for user in users:
            if user in own:
                blockers.append(self._blocker(b.OWN_PERMIT, _(
                    "The applicant cannot approve their own permit."), user=user))
            elif user in approved:
                blockers.append(self._blocker(b.SAME_APPROVER, _(
                    "Each approval step needs a different person."), user=user))
            elif approval.group_id not in user.all_group_ids:
                blockers.append(self._blocker(b.ROLE_MISSING, _(
                    "Step '%(step)s' needs the role %(role)s.", step=approval.name,
                    role=approval.group_id.name), user=user))
            elif approval.area_authority:
                if authorities is None:
                    authorities = self._area_authorities()
                if user not in authorities:
                    blockers.append(self._blocker(b.NOT_AREA_AUTHORITY, _(
                        "Step '%(step)s' is for the authority of %(area)s.",
                        step=approval.name, area=self.area_id.complete_name), user=user))
        return blockers

    def _own_users(self):
        """Who asked for this permit: they never approve it."""
        return self.applicant_id | self.submitted_by_id | self.create_uid

    def _approvers(self):
        """Who approved a step already: each step needs a different person."""
        return self.approval_ids.filtered(lambda a: a.state == "approved").user_id

    def _area_authorities(self):
        """The authorities of the permit's area and of the areas above it."""
        return self.area_id.sudo().search([("id", "parent_of", self.area_id.id)]).authority_id
