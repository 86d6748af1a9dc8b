from odoo.exceptions import AccessError

from .common import WorksafeCase


class TestSecurity(WorksafeCase):
    def test_worker_cannot_read_other_company_permits(self):
        permit = self.issued_permit()
        Permit = self.env["worksafe.permit"].with_user(self.foreign_worker)
        self.assertFalse(Permit.search([("id", "=", permit.id)]))
        with self.assertRaises(AccessError):
            Permit.browse(permit.id).read(["name"])
        with self.assertRaises(AccessError):
            self.env["worksafe.gas.test"].with_user(self.foreign_worker).browse(
                permit.gas_test_ids.ids or self.gas_test(permit).ids).read(["passed"])
        events = self.env["worksafe.audit.event"].with_user(self.foreign_worker).search(
            [("permit_id", "=", permit.id)])
        self.assertFalse(events)

    def test_worker_reads_own_company_permits(self):
        permit = self.issued_permit()
        self.assertEqual(
            self.env["worksafe.permit"].with_user(self.worker_user).search(
                [("id", "=", permit.id)]), permit)

    def test_worker_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["worksafe.template"].with_user(self.worker_user).create(
                {"name": "x", "work_type_id": self.work_type.id})
        with self.assertRaises(AccessError):
            self.template.with_user(self.worker_user).write({"name": "y"})
        with self.assertRaises(AccessError):
            # work types and their approval matrices are the manager's
            self.work_type.with_user(self.officer).write({"name": "renamed"})

    def test_worker_cannot_record_gas_tests(self):
        permit = self.issued_permit()
        with self.assertRaises(AccessError):
            self.env["worksafe.gas.test"].with_user(self.worker_user).create({
                "permit_id": permit.id, "analyst_id": self.worker.id})

    def test_approval_lines_are_not_writable(self):
        permit = self.submit(self.make_permit())
        with self.assertRaises(AccessError):
            permit.approval_ids[0].with_user(self.approver_1).write({"state": "approved"})
