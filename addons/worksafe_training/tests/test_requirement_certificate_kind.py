from odoo.exceptions import ValidationError
from odoo.fields import Command

from .common import TrainingCase


class TestRequirementCertificateKind(TrainingCase):
    """A qualification requirement names a WorkSafe certificate, not a self-recorded skill."""

    def test_requirement_names_a_worksafe_certificate(self):
        free = self.env["hr.skill.type"].create({
            "name": "Self-recorded certificates", "is_certification": True,
            "skill_ids": [Command.create({"name": "Hobby welding"})],
            "skill_level_ids": [Command.create({"name": "Done", "level_progress": 100})]})
        with self.assertRaises(ValidationError):
            self.env["worksafe.qualification.requirement"].create({
                "work_type_id": self.work_type.id, "role": "worker", "kind": "certificate",
                "skill_id": free.skill_ids.id})
        with self.assertRaises(ValidationError):
            self.req_weld.skill_id = free.skill_ids
