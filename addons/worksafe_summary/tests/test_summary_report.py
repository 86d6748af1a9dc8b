"""A permit that closes gets its summary report: the data gathered once (_summary_data), a PDF
and an XLSX attached to the permit, a searchable summary record, printable again."""

import base64
import io
import zipfile

import openpyxl
from lxml import html

from odoo.exceptions import AccessError

from odoo.addons.worksafe_rectification.tests.common import RectificationCase

REPORT = "worksafe_summary.action_report_permit_summary"


class SummaryCase(RectificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contractor = cls.env["res.partner"].create({"name": "Hengtai Welding",
                                                        "is_company": True})

    def closed_permit(self, lessons="Book the gas tester for the whole shift", suspend=True,
                      rectify=True, **values):
        """A permit taken to its close: a gas test, a suspension and its restart, step photos,
        a refused start recorded by an addon, a verified rectification and lessons."""
        permit, token = self.ready_to_start(contractor_id=self.contractor.id, **values)
        self.start(permit, token)
        if suspend:
            permit.with_user(self.watcher_user)._suspend("Wind gusts above force 5")
            permit._audit("permit.start_refused", "Start refused: no watcher on site")
            self.gas_test(permit, minutes_ago=1)
            self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(
                permit._start_token())
            self.start(permit)
        permit.step_ids.filtered(lambda s: s.phase == "execution").with_user(
            self.applicant).action_done()
        permit.action_hand_back()
        closure = permit.step_ids.filtered(lambda s: s.phase == "closure")
        closure.with_user(self.watcher_user).write({"note": "Hot spots checked after 30 min"})
        closure.with_user(self.watcher_user).action_done()
        if rectify:
            rect = self.Rect.with_user(self.officer)._open_from(
                permit, "Refit the grating over the drain", owner=self.owner,
                source_type="acceptance")
            self.do(rect)
            rect.with_user(self.verifier).action_verify()
        if lessons:
            permit.with_user(self.officer).write({"summary_lessons": lessons})
        permit.with_user(self.officer).action_close()
        self.assertEqual(permit.state, "closed")
        return permit


class TestSummaryData(SummaryCase):
    def test_summary_data_content(self):
        permit = self.closed_permit()
        data = permit._summary_data()
        self.assertEqual(data["permit"]["name"], permit.name)
        self.assertEqual(data["permit"]["contractor"], "Hengtai Welding")
        types = [e["type"] for e in data["timeline"]]
        self.assertEqual(types[0], "permit.create")
        self.assertEqual(types[-1], "permit.close")
        self.assertEqual(data["closure"]["closed_by"], self.officer.name)
        names = {p["name"] for p in data["people"]}
        self.assertTrue({self.applicant.name, self.performer.name, self.worker.name,
                         self.watcher.name, self.approver_1.name, self.approver_2.name,
                         self.officer.name} <= names)
        approvers = [p for p in data["people"] if p["name"] == self.approver_2.name]
        self.assertTrue(approvers[0]["at"], "approvers with their times")
        self.assertEqual(len(data["gas_tests"]), 2)
        self.assertTrue(all(g["passed"] and g["readings"] for g in data["gas_tests"]))
        self.assertEqual(len(data["stops"]), 1)
        self.assertEqual(data["stops"][0]["reason"], "Wind gusts above force 5")
        self.assertTrue(data["stops"][0]["resumed_at"])
        self.assertEqual(data["alarms_available"], "worksafe.iot.alarm" in self.env)
        photos = [p for step in data["evidence"] for p in step["photos"]]
        self.assertEqual(len(photos), 1)
        self.assertTrue(base64.b64decode(photos[0]["thumbnail"]).startswith(b"\x89PNG"))
        self.assertIn("Hot spots checked after 30 min", [e["note"] for e in data["evidence"]])
        self.assertEqual([(d["kind"], d["code"]) for d in data["deviations"]],
                         [("refused", "permit.start_refused")])
        self.assertEqual([(r["requirement"], r["state_code"]) for r in data["rectifications"]],
                         [("Refit the grating over the drain", "verified")])
        self.assertEqual(data["lessons"], "Book the gas tester for the whole shift")

    def test_summary_data_query_count_does_not_grow_with_the_permit(self):
        """One query per relation, never per row: a permit with a suspension, a second gas
        test, a rectification and more events costs the same (measured: 36 and 37 with every
        WorkSafe addon installed, the one more being the rectification's people)."""
        small = self.closed_permit(suspend=False, rectify=False)
        big = self.closed_permit()
        for permit in (small, big):
            self.env.invalidate_all()
            with self.assertQueryCount(37):
                permit._summary_data()

    def test_alarms_of_the_permit_when_worksafe_iot_is_installed(self):
        if "worksafe.iot.alarm" not in self.env:
            self.skipTest("worksafe_iot is not installed")
        permit = self.closed_permit(suspend=False, rectify=False)
        self.env["worksafe.iot.alarm"].sudo().create({
            "permit_id": permit.id, "company_id": permit.company_id.id, "code": "ch4",
            "level": "normal", "peak_level": "alarm", "state": "closed", "peak_value": 1.2,
            "unit": "%LEL"})
        alarms = permit._summary_data()["alarms"]
        self.assertEqual(len(alarms), 1)
        self.assertEqual(alarms[0]["value"], "1.2 %LEL")
        self.assertTrue(alarms[0]["level"])

    def test_demo_closed_permit_has_its_summary(self):
        permit = self.env.ref("worksafe_permit.demo_permit_la2_hot_work",
                              raise_if_not_found=False)
        if not permit or permit.state != "closed":
            self.skipTest("needs the demo data")
        summary = permit.summary_ids
        self.assertTrue(summary.pdf_attachment_id and summary.xlsx_attachment_id)
        self.assertTrue(summary.lessons_learned)


class TestSummaryReport(SummaryCase):
    def test_pdf_and_xlsx_attached_to_the_permit_when_it_closes(self):
        permit = self.closed_permit()
        summary = permit.summary_ids
        self.assertEqual(len(summary), 1)
        attachments = self.env["ir.attachment"].search([("res_model", "=", "worksafe.permit"),
                                                        ("res_id", "=", permit.id)])
        self.assertIn(summary.pdf_attachment_id, attachments)
        self.assertIn(summary.xlsx_attachment_id, attachments)
        number = permit.name.replace("/", "-")
        self.assertTrue(summary.pdf_attachment_id.name.startswith(number))
        self.assertTrue(summary.xlsx_attachment_id.name.endswith(".xlsx"))
        self.assertFalse(summary.pdf_failed)
        self.assertEqual(summary.closed_by_id, self.officer)
        self.assertEqual((summary.stop_count, summary.rectification_count,
                          summary.deviation_count, summary.gas_test_count), (1, 1, 1, 2))

    def test_xlsx_opens_with_every_section(self):
        permit = self.closed_permit()
        raw = permit.summary_ids.xlsx_attachment_id.raw
        self.assertTrue(zipfile.is_zipfile(io.BytesIO(raw)))
        book = openpyxl.load_workbook(io.BytesIO(raw))
        self.assertGreaterEqual(len(book.sheetnames), 8)
        summary_sheet = book.worksheets[0]
        self.assertEqual(summary_sheet["B1"].value, permit.name)
        cells = {cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                 for cell in row if cell}
        self.assertIn("Refit the grating over the drain", cells)
        self.assertIn("Wind gusts above force 5", cells)
        self.assertIn("Book the gas tester for the whole shift", cells)
        evidence = book.worksheets[-1]
        self.assertEqual(len(evidence._images), 1, "the step photo's thumbnail")

    def test_pdf_renders(self):
        permit = self.closed_permit()
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = report._render_qweb_pdf(REPORT, permit.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        content, _kind = self.env["ir.actions.report"]._render_qweb_html(REPORT, permit.ids)
        page = html.fromstring(content)
        rows = page.xpath("//table[contains(@class, 'o_ws_summary_rectifications')]//tbody/tr")
        self.assertEqual(len(rows), 1)
        self.assertEqual(len(page.xpath("//img[contains(@class, 'o_ws_thumb')]")), 1)
        self.assertTrue(page.xpath("//p[contains(@class, 'o_ws_summary_lessons')]"))

    def test_close_renders_a_real_pdf_attachment(self):
        permit = self.closed_permit(suspend=False, rectify=False)
        permit.summary_ids.with_context(force_report_rendering=True).with_user(
            self.officer).action_regenerate()
        self.assertTrue(permit.summary_ids.pdf_attachment_id.raw.startswith(b"%PDF"))
        self.assertEqual(permit.summary_ids.pdf_attachment_id.mimetype, "application/pdf")

    def test_searchable_by_text_work_type_area_contractor(self):
        permit = self.closed_permit()
        Summary = self.env["worksafe.permit.summary"].with_user(self.worker_user)
        for domain in ([("content", "ilike", "gas tester")],
                       [("content", "ilike", "grating")],
                       [("work_type_id", "=", self.work_type.id)],
                       [("area_id", "=", self.area.id)],
                       [("contractor_id", "=", self.contractor.id)],
                       [("name", "=", permit.name)]):
            self.assertEqual(Summary.search(domain), permit.summary_ids, domain)
        self.assertFalse(Summary.search([("content", "ilike", "no such words here")]))

    def test_other_company_cannot_read_the_summary(self):
        permit = self.closed_permit(suspend=False, rectify=False)
        self.assertFalse(self.env["worksafe.permit.summary"].with_user(
            self.foreign_worker).search([("permit_id", "=", permit.id)]))

    def test_lessons_are_the_safety_officers_and_regenerate_keeps_the_files(self):
        permit = self.closed_permit(suspend=False, rectify=False, lessons=False)
        summary = permit.summary_ids
        with self.assertRaises(AccessError):
            summary.with_user(self.worker_user).write({"lessons_learned": "x"})
        with self.assertRaises(AccessError):
            summary.with_user(self.worker_user).action_regenerate()
        files = summary.pdf_attachment_id | summary.xlsx_attachment_id
        summary.with_user(self.officer).write({"lessons_learned": "Blind list was outdated"})
        summary.with_user(self.officer).action_regenerate()
        self.assertEqual(summary.pdf_attachment_id | summary.xlsx_attachment_id, files)
        self.assertIn("Blind list was outdated", summary.content)

    def test_lessons_before_close_only_by_a_safety_officer(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        permit.step_ids.filtered(lambda s: s.phase == "execution").with_user(
            self.applicant).action_done()
        permit.action_hand_back()
        with self.assertRaises(AccessError):
            permit.with_user(self.applicant).write({"summary_lessons": "mine"})
        self.assertFalse(permit.summary_ids)

    def test_no_summary_for_a_withdrawn_or_cancelled_permit(self):
        permit, token = self.ready_to_start()
        self.start(permit, token)
        permit.with_user(self.watcher_user)._withdraw("Gas alarm upstream")
        cancelled = self.issued_permit()
        cancelled.with_user(self.officer).action_cancel()
        self.assertFalse((permit | cancelled).summary_ids)

    def test_summaries_cannot_be_created_or_deleted_by_people(self):
        permit = self.closed_permit(suspend=False, rectify=False)
        with self.assertRaises(AccessError):
            self.env["worksafe.permit.summary"].with_user(self.officer).create(
                {"permit_id": permit.id})
        with self.assertRaises(AccessError):
            permit.summary_ids.with_user(self.officer).unlink()
        self.assertTrue(permit.summary_ids.exists())
