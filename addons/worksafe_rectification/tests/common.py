from datetime import date, timedelta

from odoo.fields import Command

from odoo.addons.worksafe_permit.tests.common import _PNG, WorksafeCase


class RectificationCase(WorksafeCase):
    """WorksafeCase's plant, with an owner, a manager and a second verifier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rect = cls.env["worksafe.rectification"]
        cls.owner = cls.worker_user
        cls.manager = cls.approver_2
        cls.verifier = cls.approver_1

    def raise_rect(self, user=None, **values):
        vals = {"requirement": "Refit the handrail on the platform",
                "owner_id": self.owner.id, "manager_id": self.manager.id,
                "deadline": date.today() + timedelta(days=5)}
        vals.update(values)
        return self.Rect.with_user(user or self.officer).create(vals)

    def add_evidence(self, rect, user=None, note="Handrail bolted back, checked by hand"):
        user = user or rect.owner_id
        photo = self.env["ir.attachment"].with_user(user).create({
            "name": "after.png", "raw": _PNG, "mimetype": "image/png",
            "res_model": rect._name, "res_id": rect.id})
        rect.with_user(user).write({"done_note": note,
                                    "evidence_attachment_ids": [Command.link(photo.id)]})
        return photo

    def do(self, rect, user=None):
        """Start and finish the work with evidence, as the owner."""
        user = user or rect.owner_id
        rect.with_user(user).action_start()
        self.add_evidence(rect, user)
        rect.with_user(user).action_done()
        return rect
