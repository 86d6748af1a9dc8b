"""Demo data only: a few months of permit history so the analytics and scores show
something real.

Copies of the demo permits that worksafe_permit takes to "closed" are run through their
whole lifecycle with the same helper methods (``worksafe.permit.demo``), as the same
people, but with the clock frozen at a chosen moment for each action (freezegun): every
audit event is appended by the real code, hashed as usual, and carries the moment of its
action, so the chain verifies and the waiting times are real differences of timestamps.
Nothing here is used outside the demo data.
"""

import logging
import random
from datetime import timedelta

from freezegun import freeze_time

from odoo import api, fields, models

from odoo.addons.worksafe_permit.models.permit_demo import DEMO_PERMITS

_logger = logging.getLogger(__name__)

_X = "worksafe_permit."
# The demo permits worksafe_permit takes to the end: their specs drive the copies.
_SOURCES = ("demo_permit_la2_hot_work", "demo_permit_p105_loto", "demo_permit_p201_loto")
_HISTORY_DAYS = 120
_PERMITS = 36


class WorksafeAnalyticsDemo(models.AbstractModel):
    _name = "worksafe.analytics.demo"
    _description = "WorkSafe analytics demo builder"

    @api.model
    def _demo_build_history(self):
        """Demo data only: build the history (once), then measure it."""
        if not self.env["worksafe.analytics.step.fact"].search_count([], limit=1):
            self._demo_history()
        self.env["worksafe.analytics.engine"]._refresh(full=True)
        self.env["worksafe.analytics.suggestion"]._generate()
        Score = self.env["worksafe.analytics.score"]
        today = fields.Date.context_today(self)
        for months_back in range(5):
            day = (today.replace(day=1) - timedelta(days=1)) if months_back else today
            for _i in range(months_back - 1):
                day = day.replace(day=1) - timedelta(days=1)
            Score._compute_period("month", day)
            Score._compute_period("quarter", day)
        return True

    def _demo_history(self):
        builder = self.env["worksafe.permit.demo"]
        specs = dict(DEMO_PERMITS)
        sources = [(self.env.ref(_X + key, raise_if_not_found=False), specs[key])
                   for key in _SOURCES]
        sources = [(permit, spec) for permit, spec in sources if permit]
        if not sources:
            return 0
        rng = random.Random(9)  # the same history on every install
        self._demo_targets(sources)
        start = fields.Datetime.now().replace(minute=0, second=0, microsecond=0) \
            - timedelta(days=_HISTORY_DAYS)
        built = 0
        for index in range(_PERMITS):
            source, spec = sources[index % len(sources)]
            moment = start + timedelta(hours=index * _HISTORY_DAYS * 24 // _PERMITS
                                       + rng.randint(0, 8))
            try:
                with self.env.cr.savepoint():
                    permit = self._demo_one(builder, source, spec, moment, rng)
                    self._demo_own(permit, index)
                built += 1
            except Exception as error:  # noqa: BLE001 (demo data: skip, keep the rest)
                _logger.info("WorkSafe analytics demo: permit %s skipped (%s)", index, error)
        _logger.info("WorkSafe analytics demo: %s past permits built", built)
        return built

    def _demo_own(self, permit, index):
        """The copies belong to this addon's demo data: they go when it is uninstalled
        (before the areas, templates and people they use)."""
        self.env["ir.model.data"].create({
            "module": "worksafe_analytics", "name": f"demo_history_permit_{index}",
            "model": permit._name, "res_id": permit.id, "noupdate": True,
        })

    def _demo_targets(self, sources):
        """Targets a safety manager would set: 1 h per approval, 2 h per step."""
        for permit, _spec in sources:
            permit.variant_id.approval_step_ids.filtered(
                lambda a: not a.analytics_target_wait_hours).write(
                {"analytics_target_wait_hours": 1.0})
            permit.template_id.step_ids.filtered(
                lambda s: not s.analytics_target_wait_hours).write(
                {"analytics_target_wait_hours": 2.0})

    def _demo_one(self, builder, source, spec, moment, rng):
        validity = source.variant_id.max_validity_hours or 24.0
        # the whole life fits in 85 % of the validity, unless it is meant to expire
        budget = 0.85 * min(validity, 48.0)
        fate = rng.random()
        rejected, refused, expires = fate < 0.12, 0.12 <= fate < 0.3, 0.3 <= fate < 0.4
        waits = iter(w / 14.0 * budget for w in _demo_waits(rng, 14))
        clock = [moment]

        def later():
            clock[0] += timedelta(hours=next(waits, 0.1))
            return freeze_time(clock[0])

        with freeze_time(moment):
            permit = source.with_user(source.applicant_id).copy({
                "planned_start": moment,
                "planned_end": moment + timedelta(hours=validity),
            })
            builder._demo_complete_draft(permit, spec)
            permit.with_user(permit.applicant_id).action_submit()
        if rejected:
            with later():
                approval = permit._current_approval()
                builder._demo_wizard(builder._demo_pick_approver(permit, approval), permit,
                                     "reject", "Isolation list incomplete: add the drains.")
            with later():
                permit.with_user(permit.applicant_id).action_submit()
        while permit.state == "submitted":
            # the area authority's step is the slow one in this plant
            approval = permit._current_approval()
            with later() if not approval.area_authority else freeze_time(
                    _advance(clock, rng.uniform(0.15, 0.3) * budget)):
                user = builder._demo_pick_approver(permit, approval)
                self.env["worksafe.permit.approve.wizard"].with_user(user).create({
                    "permit_id": permit.id, "site_checked": approval.site_check,
                    "comment": "Work site inspected in person." if approval.site_check
                    else False,
                }).action_confirm()
        with later():
            builder._demo_acknowledge(permit, spec)
            builder._demo_confirm_measures(permit)
            permit.with_user(builder._demo_user(spec.get("issuer", "safety1"))).action_issue()
        for step in permit.step_ids.filtered(lambda s: s.phase == "preparation"):
            with later():
                if step.gas_test_required:
                    self._demo_gas_tests(builder, permit, spec)
                builder._demo_steps(permit, "preparation", limit=1)
        with later():
            builder._demo_brief(permit, spec)
            if refused:
                token = permit._start_token()
                self.env["worksafe.permit"].with_user(
                    permit.performing_authority_id.user_id)._analytics_record_refused_start(
                    token)
        with later():
            self._demo_gas_tests(builder, permit, spec)
            builder._demo_start(permit)
        if expires:
            with freeze_time(permit.planned_end + timedelta(minutes=5)):
                self.env["worksafe.permit"]._cron_expire()
            return permit
        for _step in permit.step_ids.filtered(lambda s: s.phase == "execution"):
            with later():
                builder._demo_steps(permit, "execution", limit=1)
        with later():
            permit.with_user(permit.performing_authority_id.user_id).action_hand_back()
        for _step in permit.step_ids.filtered(lambda s: s.phase == "closure"):
            with later():
                builder._demo_steps(permit, "closure", limit=1)
        with later():
            permit.with_user(builder._demo_user(spec.get("closer", "safety1"))).action_close()
        return permit

    def _demo_gas_tests(self, builder, permit, spec):
        """The spec's gas tests, the last one fresh (taken minutes before now)."""
        for test in spec.get("gas", [])[-1:]:
            builder._demo_gas_test(permit, dict(test, minutes=min(test["minutes"], 10)))


def _advance(clock, hours):
    clock[0] += timedelta(hours=hours)
    return clock[0]


def _demo_waits(rng, count):
    """Positive waits (in fourteenths of the budget) that sum to about `count` x 0.6."""
    return [rng.uniform(0.05, 1.0) * 0.6 for _i in range(count)]
