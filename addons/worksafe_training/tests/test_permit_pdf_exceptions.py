"""The printed permit lists the qualification exceptions of its people, with the reason, the
compensating measures and who decided."""

from lxml import html

from odoo.tests import TransactionCase, tagged

REPORT = "worksafe_permit.action_report_worksafe_permit"


@tagged("post_install", "-at_install")
class TestPermitPdfExceptions(TransactionCase):
    def test_exceptions_are_printed(self):
        permit = self.env.ref("worksafe_permit.demo_permit_substation_trench",
                              raise_if_not_found=False)
        if not permit:
            self.skipTest("needs the demo data")
        luo_yi = self.env.ref("worksafe_permit.demo_employee_luo_yi")
        requirement = self.env.ref(
            "worksafe_training.requirement_excavation_worker_authorisation_auth")
        safety1 = self.env.ref("worksafe_permit.demo_user_safety1")
        safety2 = self.env.ref("worksafe_permit.demo_user_safety2")
        exception = self.env["worksafe.qualification.exception"].with_user(safety1).create({
            "permit_id": permit.id, "employee_id": luo_yi.id,
            "requirement_id": requirement.id,
            "reason": "Refresher exam booked for Monday; authorisation lapsed 12 days ago.",
            "compensating_measures": "Digs only alongside Deng Hui, never alone in the trench.",
        })
        exception.with_user(safety2).action_approve()

        content, _type = self.env["ir.actions.report"]._render_qweb_html(REPORT, permit.ids)
        rows = html.fromstring(content).xpath(
            "//div[contains(@class, 'o_worksafe_permit_exceptions')]//tbody/tr")
        self.assertEqual(len(rows), 1)
        text = " ".join(rows[0].text_content().split())
        for expected in (luo_yi.name, exception.reason, exception.compensating_measures,
                         safety2.name):
            self.assertIn(expected, text)
