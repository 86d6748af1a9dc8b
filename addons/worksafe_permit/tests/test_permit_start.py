from datetime import timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command

from ..exceptions import BlockedError
from ..rules import blockers as b
from ..rules import token as token_rules
from .common import WorksafeCase


class TestPermitStart(WorksafeCase):
    def assertStartRefused(self, permit, token, reason):
        with self.assertRaises(ValidationError) as caught:
            self.start(permit, token)
        self.assertIn(reason, caught.exception.args[0])
        self.assertNotEqual(permit.state, "active")

    def assertStartBlocked(self, permit, token, code):
        with self.assertRaises(BlockedError) as caught:
            self.start(permit, token)
        self.assertIn(code, b.codes(caught.exception.blockers))
        self.assertNotEqual(permit.state, "active")

    def test_start_when_everything_holds(self):
        permit, token = self.ready_to_start()
        self.assertFalse(permit._get_blockers("start", self.now()))
        self.start(permit, token)
        self.assertEqual(permit.state, "active")
        self.assertTrue(permit.actual_start)

    def test_only_performing_authority_or_watcher_starts(self):
        permit, token = self.ready_to_start()
        with self.assertRaisesRegex(AccessError, "performing authority or a watcher"):
            self.start(permit, token, user=self.worker_user)
        self.start(permit, token, user=self.watcher_user)
        self.assertEqual(permit.state, "active")

    def test_no_gas_test(self):
        permit = self.issued_permit()
        self.do_preparation_steps(permit)
        self.brief(permit)
        token = permit._start_token()
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        self.assertStartBlocked(permit, token, b.GAS_TEST_MISSING)

    def test_stale_gas_test(self):
        permit = self.issued_permit()
        self.do_preparation_steps(permit)
        self.gas_test(permit, minutes_ago=31)
        self.brief(permit)
        token = permit._start_token()
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        self.assertStartBlocked(permit, token, b.GAS_TEST_STALE)
        self.gas_test(permit, minutes_ago=29)
        self.start(permit, token)

    def test_failed_gas_test(self):
        permit, token = self.ready_to_start()
        self.gas_test(permit, o2=19.4, minutes_ago=0)
        self.assertStartBlocked(permit, token, b.GAS_TEST_FAILED)

    def test_briefing_not_signed_by_everyone(self):
        permit = self.issued_permit()
        self.do_preparation_steps(permit)
        self.gas_test(permit)
        briefing = self.env["worksafe.permit.briefing"].with_user(self.officer).create({
            "permit_id": permit.id, "briefer_id": self.briefer.id, "content": "Hazards"})
        for line in briefing.signature_ids.filtered(lambda s: s.employee_id != self.worker):
            line.with_user(line.employee_id.user_id).action_sign()
        token = permit._start_token()
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        self.assertStartBlocked(permit, token, b.BRIEFING_MISSING)
        with self.assertRaisesRegex(AccessError, "Only Wang Worker"):
            briefing.signature_ids.filtered(lambda s: s.employee_id == self.worker).with_user(
                self.applicant).action_sign()

    def test_no_watcher_on_site(self):
        permit = self.issued_permit()
        self.do_preparation_steps(permit)
        self.gas_test(permit)
        self.brief(permit)
        self.assertStartBlocked(permit, permit._start_token(), b.WATCHER_NOT_ON_SITE)

    def test_only_a_watcher_checks_in(self):
        permit = self.issued_permit()
        with self.assertRaises(AccessError):
            self.env["worksafe.permit"].with_user(self.worker_user)._check_in_watcher(
                permit._start_token())

    def test_preparation_step_missing(self):
        permit = self.issued_permit()
        self.gas_test(permit)
        self.brief(permit)
        token = permit._start_token()
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        self.assertStartBlocked(permit, token, b.STEP_NOT_DONE)

    def test_linked_permit_must_be_active(self):
        confined, confined_token = self.ready_to_start()
        permit, token = self.ready_to_start(linked_permit_ids=[Command.set(confined.ids)])
        self.assertStartBlocked(permit, token, b.LINKED_NOT_ACTIVE)
        self.start(confined, confined_token)
        self.start(permit, token)
        self.assertEqual(permit.state, "active")
        # the link is seen from both sides
        self.assertIn(permit, confined._all_linked_permits())
        # and stopping the confined-space work stops the hot work inside it
        confined.with_user(self.watcher_user)._suspend("Ventilation failed")
        self.assertEqual(permit.state, "suspended")
        self.assertIn(confined.name, permit.suspension_reason)

    def test_before_window(self):
        permit, token = self.ready_to_start()
        permit.sudo().write(
            {"planned_start": self.now() + timedelta(minutes=20)})
        self.assertStartBlocked(permit, token, b.WINDOW_NOT_STARTED)

    def test_every_missing_item_is_named(self):
        permit = self.issued_permit()
        codes = b.codes(permit._get_blockers("start", self.now()))
        for expected in (b.GAS_TEST_MISSING, b.BRIEFING_MISSING, b.WATCHER_NOT_ON_SITE,
                         b.STEP_NOT_DONE):
            self.assertIn(expected, codes)

    # ---------------------------------------------------------------- QR tokens
    def test_tampered_token_refused(self):
        permit, token = self.ready_to_start()
        payload, signature = token.split(".")
        other = self.issued_permit()
        forged_payload = other._start_token().split(".")[0]
        for bad in (f"{forged_payload}.{signature}", f"{payload}.{signature[:-2]}xx",
                    token[:-1] + ("A" if token[-1] != "A" else "B")):
            self.assertStartRefused(permit, bad, "altered")
        self.assertStartRefused(permit, "not-a-token", "not a WorkSafe permit code")

    def test_expired_token_refused(self):
        permit, token = self.ready_to_start()
        later = permit.planned_end + timedelta(seconds=1)
        with patch("odoo.addons.worksafe_permit.models.permit.fields.Datetime.now",
                   return_value=later):
            with self.assertRaisesRegex(ValidationError, "expired"):
                self.env["worksafe.permit"]._permit_from_token(token)

    def test_foreign_token_refused(self):
        permit, _token = self.ready_to_start()
        # Signed with another database's secret: the signature does not match.
        foreign = token_rules.sign_token("another-secret", "worksafe.permit.start",
                                         {"p": permit.id, "v": 1, "db": "x"},
                                         int(permit.planned_end.timestamp()) + 3600)
        self.assertStartRefused(permit, foreign, "another system")

    def test_other_company_token_refused(self):
        _permit, token = self.ready_to_start()
        with self.assertRaisesRegex(AccessError, "company"):
            self.env["worksafe.permit"].with_user(self.foreign_worker)._permit_from_token(token)

    def test_replaced_token_refused(self):
        permit, token = self.ready_to_start()
        permit.sudo().write(
            {"token_version": permit.token_version + 1})
        self.assertStartRefused(permit, token, "replaced")
