from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import EmergencyCase


class TestAuthorityReport(EmergencyCase):
    def setUp(self):
        super().setUp()
        self.event = self.raise_alarm()
        self.report = self.env["worksafe.emergency.report"].with_user(
            self.officer)._draft_for(self.event)

    def fill(self, report):
        report.write({"unit_overview": "Test plant, chemicals", "course": "Fire at the pump",
                      "casualties": "None", "measures": "Evacuated, foam"})

    def test_draft_is_prefilled_from_the_event(self):
        self.assertEqual(self.report.kind, "initial")
        self.assertIn(self.area.complete_name, self.report.time_place)
        self.assertEqual(self.report.deadline, self.event.started_at + timedelta(hours=1))

    def test_deadline_comes_from_data(self):
        self.env.ref("worksafe_emergency.figure_report_minutes").value = 30
        report = self.env["worksafe.emergency.report"].with_user(self.officer)._draft_for(
            self.event, kind="quick")
        self.assertEqual(report.deadline, self.event.started_at + timedelta(minutes=30))

    def test_level_from_casualties_and_loss(self):
        self.report.write({"deaths": 0, "serious_injuries": 12})
        self.assertEqual(self.report.level_id.code, "larger")
        self.report.write({"direct_loss": 60_000_000})
        self.assertEqual(self.report.level_id.code, "major")
        with self.assertRaises(ValidationError):
            self.report.write({"deaths": -1})

    def test_missing_items_refuse_the_submission(self):
        self.assertTrue(self.report.missing_items)
        with self.assertRaises(ValidationError):
            self.report.action_submit()
        self.assertEqual(self.report.state, "draft")
        self.fill(self.report)
        self.assertFalse(self.report.missing_items)
        self.report.action_submit()
        self.assertEqual(self.report.state, "submitted")
        self.assertFalse(self.report.is_late)
        entry = self.event.timeline_ids.filtered(lambda e: e.event_type == "emergency.report")
        self.assertEqual(len(entry), 1)

    def test_late_report_is_flagged(self):
        self.fill(self.report)
        later = self.event.started_at + timedelta(minutes=75)
        with patch.object(fields.Datetime, "now", return_value=later):
            self.report.invalidate_recordset(["is_late"])
            self.assertTrue(self.report.is_late)
            self.report.action_submit()
        self.assertTrue(self.report.is_late)

    def test_submitted_report_is_frozen_and_only_an_officer_submits(self):
        self.fill(self.report)
        with self.assertRaises(AccessError):
            self.report.with_user(self.worker_user).action_submit()
        self.report.action_submit()
        with self.assertRaises(UserError):
            self.report.write({"course": "Another story"})

    def test_payload_holds_the_six_items(self):
        self.fill(self.report)
        payload = self.report._payload()
        self.assertEqual(set(payload["items"]), {"unit_overview", "time_place", "course",
                                                 "casualties", "measures", "other"})
        self.assertEqual(payload["level"], "general")
        self.assertEqual(payload["event"], self.event.name)
        self.assertEqual(payload["missing_items"], [])

    def test_pdf_renders(self):
        html = self.env["ir.actions.report"]._render_qweb_html(
            "worksafe_emergency.report_authority", self.report.ids)[0]
        self.assertIn(self.event.name.encode(), html)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "worksafe_emergency.report_emergency_summary", self.event.ids)[0]
        self.assertIn(b"emergency.raise", html.replace(b"Alarm raised", b"emergency.raise"))

    def test_follow_up_reports_owed_by_level(self):
        self.fill(self.report)
        self.report.write({"deaths": 12})  # major: twice a day
        self.report.action_submit()
        self.assertEqual(self.event.followups_owed, 0)
        later = self.event.started_at + timedelta(days=2, hours=1)
        with patch.object(fields.Datetime, "now", return_value=later):
            self.event.invalidate_recordset(["followups_owed"])
            self.assertEqual(self.event.followups_owed, 4)
            followup = self.env["worksafe.emergency.report"].with_user(
                self.officer)._draft_for(self.event)
            self.assertEqual(followup.kind, "followup")
            self.fill(followup)
            followup.action_submit()
            self.event.invalidate_recordset(["followups_owed"])
            self.assertEqual(self.event.followups_owed, 3)
