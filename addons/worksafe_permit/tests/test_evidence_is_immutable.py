import base64

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .common import _PNG, WorksafeCase

_OTHER = base64.b64encode(b"not the photo that was taken")


class TestEvidenceIsImmutable(WorksafeCase):
    """A completed step's photo and signature, and a submitted permit's written plan, are
    attachments: changing, moving or deleting them through ``ir.attachment`` is refused to
    everyone but WorkSafe's own actions (core only asks whether the user may write the
    record)."""

    def setUp(self):
        super().setUp()
        self.permit = self.issued_permit()
        self.step = self.permit.step_ids.filtered(lambda s: s.phase == "preparation")
        self.step.with_user(self.applicant).write({
            "signature": base64.b64encode(_PNG)})
        self.do_preparation_steps(self.permit)
        self.assertEqual(self.step.state, "done")
        self.photo = self.step.attachment_ids
        self.assertTrue(self.photo)
        self.signature = self.env["ir.attachment"].search([
            ("res_model", "=", self.step._name), ("res_id", "=", self.step.id),
            ("res_field", "=", "signature")])
        self.assertTrue(self.signature)

    def assertUnchanged(self, attachment, checksum):
        attachment.invalidate_recordset()
        self.assertTrue(attachment.exists())
        self.assertEqual(attachment.checksum, checksum)
        self.assertEqual((attachment.res_model, attachment.res_id),
                         (self.step._name, self.step.id))

    def test_photo_of_done_step_cannot_change(self):
        checksum = self.photo.checksum
        for user in (self.applicant, self.worker_user, self.outsider):
            photo = self.photo.with_user(user)
            for vals in ({"datas": _OTHER}, {"raw": b"x"}, {"name": "other.png"},
                         {"res_model": "worksafe.permit", "res_id": self.permit.id},
                         {"res_id": self.permit.step_ids[-1].id}):
                with self.subTest(user=user.login, vals=list(vals)), \
                        self.assertRaises(AccessError):
                    photo.write(vals)
            with self.subTest(user=user.login, op="unlink"), self.assertRaises(AccessError):
                photo.unlink()
        self.assertUnchanged(self.photo, checksum)

    def test_signature_of_done_step_cannot_change(self):
        checksum = self.signature.checksum
        for user in (self.applicant, self.worker_user):
            signature = self.signature.with_user(user)
            with self.assertRaises(AccessError):
                signature.write({"datas": _OTHER})
            with self.assertRaises(AccessError):
                signature.unlink()
        self.assertUnchanged(self.signature, checksum)
        with self.assertRaises(UserError):
            self.step.with_user(self.applicant).write({"signature": _OTHER})

    def test_written_plan_of_submitted_permit_cannot_change(self):
        permit = self.make_permit(written_plan=base64.b64encode(b"%PDF plan"),
                                  written_plan_name="plan.pdf")
        plan = self.env["ir.attachment"].search([
            ("res_model", "=", permit._name), ("res_id", "=", permit.id),
            ("res_field", "=", "written_plan")])
        self.assertTrue(plan)
        self.submit(permit)
        checksum = plan.checksum
        with self.assertRaises(AccessError):
            plan.with_user(self.applicant).write({"datas": _OTHER})
        with self.assertRaises(AccessError):
            plan.with_user(self.applicant).unlink()
        plan.invalidate_recordset()
        self.assertEqual(plan.checksum, checksum)

    def test_system_paths_still_write(self):
        """Superuser (WorkSafe's actions, the ORM's binary fields) is not refused."""
        self.photo.sudo().write({"name": "renamed by the system.png"})
        self.assertEqual(self.photo.name, "renamed by the system.png")

    def test_another_steps_photo_is_not_own_evidence(self):
        """Moving a photo onto one's own open step, then linking it, is refused at the move;
        linking it without moving is refused too, as is a photo someone else uploaded."""
        self.gas_test(self.permit)
        self.brief(self.permit)
        token = self.permit._start_token()
        self.env["worksafe.permit"].with_user(self.watcher_user)._check_in_watcher(token)
        self.start(self.permit, token)
        self.assertEqual(self.permit.state, "active")
        open_step = self.permit.step_ids.filtered(lambda s: s.phase == "execution")
        self.assertEqual(open_step.state, "todo")
        with self.assertRaises(AccessError):
            self.photo.with_user(self.applicant).write({"res_id": open_step.id})
        with self.assertRaises(AccessError):
            open_step.with_user(self.applicant).write(
                {"attachment_ids": [Command.link(self.photo.id)]})
        self.assertFalse(open_step.attachment_ids)
        # a file uploaded elsewhere by the person, moved onto the step
        own = self.env["ir.attachment"].with_user(self.applicant).create({
            "name": "old.png", "raw": _PNG})
        with self.assertRaises(AccessError):
            own.write({"res_model": open_step._name, "res_id": open_step.id})
        # uploaded to the step by another person on the crew
        theirs = self.env["ir.attachment"].with_user(self.worker_user).create({
            "name": "theirs.png", "raw": _PNG, "res_model": open_step._name,
            "res_id": open_step.id})
        with self.assertRaises(AccessError):
            open_step.with_user(self.applicant).write(
                {"attachment_ids": [Command.link(theirs.id)]})
        # the person's own upload to the step is evidence
        mine = self.env["ir.attachment"].with_user(self.applicant).create({
            "name": "mine.png", "raw": _PNG, "res_model": open_step._name,
            "res_id": open_step.id})
        open_step.with_user(self.applicant).write({"attachment_ids": [Command.link(mine.id)]})
        self.assertEqual(open_step.attachment_ids, mine)
