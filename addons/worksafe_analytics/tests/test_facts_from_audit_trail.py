import json
from datetime import timedelta

from odoo.exceptions import AccessError

from .common import AnalyticsCase
from odoo.addons.worksafe_analytics.rules import stats, violations


class TestFactsFromAuditTrail(AnalyticsCase):
    def full_lifecycle(self, start=0.0):
        """Submitted at +0, approved +1 h and +3 h, issued +4 h, preparation evidence at
        +4.5 h and done +5 h, gas test, briefing and start +5.5 h, handed back +6.5 h,
        closure step +6.75 h, closed +7 h (the level allows 8 h)."""
        permit = self.approved_permit(start)
        with self.at(start + 4):
            self.issue(permit)
        prep = permit.step_ids.filtered(lambda s: s.phase == "preparation")
        with self.at(start + 4.5):
            prep.check_ids.write({"checked": True})
            photo = self.env["ir.attachment"].with_user(self.applicant).create({
                "name": "p.png", "raw": b"\x89PNG\r\n\x1a\n", "mimetype": "image/png",
                "res_model": prep._name, "res_id": prep.id})
            prep.with_user(self.applicant).write({"attachment_ids": [(6, 0, photo.ids)]})
        with self.at(start + 5):
            prep.with_user(self.applicant).action_done()
        with self.at(start + 5.5):
            self.gas_test(permit)
            self.brief(permit)
            token = permit._start_token()
            self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
            self.start(permit, token)
            permit.step_ids.filtered(lambda s: s.phase == "execution").with_user(
                self.applicant).action_done()
        with self.at(start + 6.5):
            permit.with_user(self.applicant).action_hand_back()
        with self.at(start + 6.75):
            permit.step_ids.filtered(lambda s: s.phase == "closure").with_user(
                self.watcher_user).action_done()
        with self.at(start + 7):
            permit.with_user(self.officer).action_close()
        return permit

    def test_waiting_and_handling_times_per_step(self):
        permit = self.full_lifecycle()
        self.Engine._refresh()
        approvals = self.facts(permit, "approval")
        self.assertEqual(approvals.mapped("wait_hours"), [1.0, 2.0])
        self.assertEqual(approvals.mapped("approval_step_id"),
                         self.approval_1 | self.approval_2)
        self.assertEqual(set(approvals.mapped("outcome")), {"approved"})
        prep = self.facts(permit, "step").filtered(lambda f: f.phase == "preparation")
        # ready when approved (+3 h), started with its first photo (+4.5 h), done +5 h
        self.assertEqual(prep.template_step_id.name, "Isolate")
        self.assertAlmostEqual(prep.wait_hours, 1.5)
        self.assertAlmostEqual(prep.handling_hours, 0.5)
        closure = self.facts(permit, "step").filtered(lambda f: f.phase == "closure")
        # no evidence: started = done, so all the time is waiting
        self.assertAlmostEqual(closure.wait_hours, 0.25)
        self.assertAlmostEqual(closure.handling_hours, 0.0)
        self.assertEqual(closure.ready_at, permit.actual_end)
        phases = self.env["worksafe.analytics.phase.fact"].search(
            [("permit_id", "=", permit.id)])
        hours = {f.phase: f.hours for f in phases}
        self.assertAlmostEqual(hours["approval"], 3.0)
        self.assertAlmostEqual(hours["execution"], 1.0)
        self.assertAlmostEqual(hours["closure"], 0.5)
        self.assertFalse(self.Violation.search([("permit_id", "=", permit.id)]))

    def test_rejection_is_a_rework_loop(self):
        with self.at(0):
            permit = self.make_permit(planned_start=self.t0,
                                      planned_end=self.t0 + timedelta(hours=7))
            self.submit(permit)
        with self.at(2):
            permit.with_user(self.approver_1)._reject("Drawing missing")
        with self.at(5):
            self.submit(permit)
        self.Engine._refresh()
        rejected = self.facts(permit, "approval").filtered(lambda f: f.outcome == "rejected")
        self.assertEqual(rejected.rework_count, 1)
        self.assertEqual(rejected.approval_step_id, self.approval_1)
        self.assertAlmostEqual(rejected.wait_hours, 2.0)
        self.assertAlmostEqual(rejected.rework_hours, 3.0)

    def snapshot(self, permit):
        return [(f.kind, f.name, f.wait_hours, f.done_at, f.outcome)
                for f in self.facts(permit)]

    def test_refresh_is_incremental_and_idempotent(self):
        params = self.env["ir.config_parameter"].sudo()
        permit = self.approved_permit()
        self.Engine._refresh()
        first = self.snapshot(permit)
        head = int(params.get_param("worksafe_analytics.last_seq"))
        self.assertEqual(self.Engine._refresh(), 0, "nothing new: nothing measured")
        other = self.approved_permit(start=1)
        self.assertEqual(self.Engine._refresh(), 1, "only the permit with new events")
        self.assertGreater(int(params.get_param("worksafe_analytics.last_seq")), head)
        self.assertEqual(self.snapshot(permit), first)
        self.assertEqual(len(self.facts(other, "approval")), 2)
        # a rebuild gives the same figures
        self.Engine._refresh(full=True)
        self.assertEqual(self.snapshot(permit), first)

    def test_sql_violations_agree_with_the_pure_rule(self):
        permit, token = self.ready_to_start()
        # the watcher leaves before the start: the start is refused, then recorded
        permit.with_user(self.watcher_user).action_watcher_leave()
        self.env["worksafe.permit"].with_user(self.applicant)._analytics_record_refused_start(
            token)
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        self.start(permit, token)
        permit.with_user(self.watcher_user).action_watcher_leave()  # while active
        permit._system_write({"planned_end": self.now() - timedelta(minutes=1)})
        self.env["worksafe.permit"]._cron_expire()
        self.Engine._refresh()
        found = self.Violation.search([("permit_id", "=", permit.id)])
        events = self.env["worksafe.audit.event"].search(
            [("permit_id", "=", permit.id)], order="seq")
        expected = violations.classify([
            {"seq": e.seq, "type": e.event_type,
             "values": json.loads(e.payload_json)["values"]} for e in events])
        self.assertEqual(sorted((v.type_code, v.event_seq) for v in found if v.event_seq),
                         sorted((v.type, v.seq) for v in expected))
        codes = set(found.mapped("type_code"))
        self.assertLessEqual({"start_refused", "watcher_absent", "expired_permit"}, codes)
        self.assertEqual(found.employee_id, self.performer)

    def test_skipped_step_is_missing_evidence(self):
        permit = self.approved_permit()
        permit.with_user(self.applicant).action_cancel()
        self.Engine._refresh()
        prep = self.facts(permit, "step").filtered(lambda f: f.phase == "preparation")
        self.assertEqual(prep.outcome, "missed")
        self.assertEqual(self.Violation.search([("permit_id", "=", permit.id)]).mapped(
            "type_code"), ["missing_evidence"])

    def test_percentiles_are_postgres_percentile_cont(self):
        waits = [0.5, 1.0, 1.5, 4.0, 9.0]
        for index, wait in enumerate(waits):
            self.approved_permit(start=index * 3, waits=(wait, 1.0))
        self.Engine._refresh()
        stat = self.env["worksafe.analytics.step.stat"].search(
            [("approval_step_id", "=", self.approval_1.id)])
        self.assertEqual(stat.permit_count, 5)
        self.assertAlmostEqual(stat.wait_p90, stats.percentile_cont(waits, 0.9))
        self.assertAlmostEqual(stat.wait_p50, stats.percentile_cont(waits, 0.5))

    def test_target_edit_rejudges_the_facts(self):
        permit = self.approved_permit(waits=(3.0, 1.0))
        self.Engine._refresh()
        fact = self.facts(permit, "approval")[0]
        self.assertFalse(fact.over_target)
        self.approval_1.analytics_target_wait_hours = 2.0
        self.assertTrue(fact.over_target)
        self.assertEqual(fact.target_hours, 2.0)

    def test_only_safety_officers_measure_from_the_screens(self):
        self.approved_permit()
        with self.assertRaises(AccessError):
            self.Fact.with_user(self.approver_1).action_refresh()
        self.Fact.with_user(self.officer).action_refresh()
        self.assertTrue(self.Fact.search_count([("kind", "=", "approval")]))

    def test_facts_of_a_deleted_draft_go(self):
        permit = self.make_permit()
        self.Engine._refresh()
        Phase = self.env["worksafe.analytics.phase.fact"]
        self.assertEqual(Phase.search([("permit_id", "=", permit.id)]).phase, "draft")
        permit_id = permit.id
        permit.unlink()
        self.Engine._refresh()
        self.assertFalse(Phase.search_count([("permit_id", "=", permit_id)]))
