"""The permit form saves what people are meant to edit, as the web client sends it: the
whole step with its checklist, and the echo of values nobody changed."""
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form

from .common import _PNG, WorksafeCase


class TestFormSave(WorksafeCase):
    def _photo(self, step, user):
        return self.env["ir.attachment"].with_user(user).create({
            "name": "locks.png", "raw": _PNG, "mimetype": "image/png",
            "res_model": step._name, "res_id": step.id})

    def test_tick_checklist_in_the_permit_form_then_mark_done(self):
        permit = self.issued_permit()
        step = permit.step_ids.filtered(lambda s: s.phase == "preparation")
        photo = self._photo(step, self.applicant)
        index = permit.step_ids.ids.index(step.id)
        with Form(permit.with_user(self.applicant)) as form:
            with form.step_ids.edit(index) as step_form:
                with step_form.check_ids.edit(0) as check:
                    check.checked = True
                step_form.note = "Locks on valves V1 and V2"
                step_form.attachment_ids.add(photo)
        self.assertTrue(step.check_ids.checked)
        self.assertEqual(step.note, "Locks on valves V1 and V2")
        step.with_user(self.applicant).action_done()
        self.assertEqual(step.state, "done")
        # the form saved again after "done" (nothing changed) is fine; a change is not
        with Form(permit.with_user(self.applicant)) as form:
            pass
        with self.assertRaises(UserError):
            step.with_user(self.applicant).write({"note": "rewritten"})

    def test_echo_of_unchanged_values_is_not_a_change(self):
        permit = self.issued_permit()
        step = permit.step_ids.filtered(lambda s: s.phase == "preparation")
        # what a client sends back after an onchange: the permit's own values, and the
        # step's definition as it is
        permit.with_user(self.applicant).write({
            "description": permit.description,
            "template_id": permit.template_id.id,
            "planned_start": permit.planned_start,
            "watcher_ids": [Command.set(permit.watcher_ids.ids)],
            "applicant_id": permit.applicant_id.id,
            "state": permit.state,
            "step_ids": [Command.update(step.id, {
                "name": step.name, "state": "todo", "photo_count": step.photo_count,
                "check_ids": [Command.update(step.check_ids.id, {"checked": True,
                                                                 "name": step.check_ids.name})],
            })],
        })
        self.assertEqual(permit.state, "issued")
        self.assertTrue(step.check_ids.checked)
        # a real change is still refused, with the policy's error
        with self.assertRaises(UserError):  # frozen content
            permit.with_user(self.applicant).write({"description": "Something else"})
        with self.assertRaises(AccessError):  # only through its action
            permit.with_user(self.applicant).write(
                {"step_ids": [Command.update(step.id, {"state": "done"})]})
