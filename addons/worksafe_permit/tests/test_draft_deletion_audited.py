from .common import WorksafeCase


class TestDraftDeletionAudited(WorksafeCase):
    def test_a_deleted_draft_stays_in_the_chain(self):
        permit = self.make_permit()
        name, permit_id = permit.name, permit.id
        permit.unlink()
        event = self.env["worksafe.audit.event"].search(
            [("event_type", "=", "permit.delete"), ("res_id", "=", permit_id)])
        self.assertEqual(len(event), 1)
        self.assertEqual(event.permit_ref, name)
        self.assertIsNone(self.env["worksafe.audit.event"]._verify_chain())
