from odoo.fields import Command
from odoo.tests import new_test_user

from ..rules import acceptance as rules
from odoo.addons.worksafe_permit.tests.common import _PNG, WorksafeCase


class AcceptanceCase(WorksafeCase):
    """The small plant of worksafe_permit's tests, whose template's closure step ("Fire
    watch") carries three acceptance criteria: a photo, a test-run value and a checklist item
    with its photo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        closure = cls.template.step_ids.filtered(lambda s: s.phase == "closure")
        Criterion = cls.env["worksafe.template.step.criterion"]
        cls.crit_photo = Criterion.create({
            "step_id": closure.id, "sequence": 1, "name": "Guard restored", "kind": rules.PHOTO,
            "photo_count": 1, "photo_subject": "guard restored"})
        cls.crit_value = Criterion.create({
            "step_id": closure.id, "sequence": 2, "name": "Insulation resistance",
            "kind": rules.MEASUREMENT, "unit": "MΩ", "bound": rules.AT_LEAST,
            "value_min": 0.5})
        cls.crit_check = Criterion.create({
            "step_id": closure.id, "sequence": 3, "name": "Covers and gratings restored",
            "kind": rules.CHECK, "photo_count": 1, "photo_subject": "covers"})
        # a second safety officer, who is on the crew of some permits
        cls.officer_2 = new_test_user(
            cls.env, login="ws_officer_2", groups="worksafe_permit.group_worksafe_safety_officer",
            company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)],
            name="Officer Two", tz="UTC")
        cls.officer_2_employee = cls.env["hr.employee"].create({
            "name": "Officer Two", "user_id": cls.officer_2.id})

    # ------------------------------------------------------------------ helpers
    def handed_back_permit(self, **values):
        permit, token = self.ready_to_start(**values)
        self.start(permit, token)
        permit.step_ids.filtered(lambda s: s.phase == "execution").with_user(
            self.applicant).action_done()
        permit.with_user(self.applicant).action_hand_back()
        self.assertEqual(permit.state, "handed_back")
        return permit

    def items(self, permit):
        items = permit.acceptance_item_ids
        return (items.filtered(lambda i: i.kind == rules.PHOTO),
                items.filtered(lambda i: i.kind == rules.MEASUREMENT),
                items.filtered(lambda i: i.kind == rules.CHECK))

    def add_photo(self, item, user=None):
        user = user or self.worker_user
        photo = self.env["ir.attachment"].with_user(user).create({
            "name": "photo.png", "raw": _PNG, "mimetype": "image/png",
            "res_model": item._name, "res_id": item.id})
        item.with_user(user).write({"attachment_ids": [Command.link(photo.id)]})
        return photo

    def give_evidence(self, permit, value=1.2, answer="yes", user=None):
        """The crew's evidence for every item (by default all passing)."""
        user = user or self.worker_user
        photo, measured, check = self.items(permit)
        self.add_photo(photo, user)
        measured.with_user(user).write({"measured_value": value})
        self.add_photo(check, user)
        check.with_user(user).write({"answer": answer})

    def fail_values(self):
        return {"note": "Guard bolts missing", "photo": _photo_b64()}

    def close_closure_steps(self, permit):
        permit.step_ids.filtered(lambda s: s.phase == "closure").with_user(
            self.watcher_user).action_done()


def _photo_b64():
    import base64

    return base64.b64encode(_PNG)
