"""Hot paths guarded by query counts: the permit form, submission and the start on site.

The bounds are today's counts with the three addons installed, plus the few queries that
record-rule caching moves either way; a change that makes one of these paths search more
(a SIMOPS scan on every form read, a qualification check for every member of an approver
group) fails here. tests/benchmarks/bench_permit.py prints the same three figures."""

import threading
from collections import Counter
from unittest.mock import patch

from lxml import etree

from odoo.fields import Command
from odoo.tests import new_test_user

from .common import WorksafeCase

APPROVER = "worksafe_permit.group_worksafe_approver"


class TestQueryCounts(WorksafeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Permit = cls.env["worksafe.permit"]
        views = Permit.get_views([(False, "form")])
        fields_info = views["models"]["worksafe.permit"]["fields"]
        cls.form_spec = {}
        for node in etree.fromstring(views["views"]["form"]["arch"]).iter("field"):
            if any(parent.tag == "field" for parent in node.iterancestors()):
                continue
            name = node.get("name")
            relational = fields_info[name]["type"] in ("many2one", "one2many", "many2many")
            cls.form_spec[name] = {"fields": {"display_name": {}}} if relational else {}

    def queries(self, function):
        """Queries `function` makes, leaving out the lookups of record rules that Odoo
        caches per user and model (whether they hit the cache depends on earlier tests)."""
        self.env.flush_all()
        self.env.invalidate_all()
        counted = []

        def hook(cr, query, params, start, delay):
            text = query.decode() if isinstance(query, bytes) else str(query)
            if "ir_rule" not in text and "rule_group_rel" not in text:
                counted.append(" ".join(text.split())[:200])

        thread = threading.current_thread()
        hooks = getattr(thread, "query_hooks", None)
        thread.query_hooks = [*(hooks or ()), hook]
        try:
            function()
            self.env.flush_all()
        finally:
            if hooks is None:
                del thread.query_hooks
            else:
                thread.query_hooks = hooks
        return Counter(counted)

    def assertSameQueries(self, many, few):
        self.assertEqual(many.total(), few.total(),
                         f"more: {dict(many - few)}\nfewer: {dict(few - many)}")

    def submit_queries(self):
        """Queries of one submission, once the caches that outlive a request are warm
        (creating users clears them)."""
        for _warm_up in range(2):
            self.submit(self.make_permit())
        return self.queries(self.make_permit().action_submit)

    def approvers(self, count, prefix):
        return [new_test_user(self.env, login=f"{prefix}_{i}", groups=APPROVER,
                              company_ids=[Command.set(self.company.ids)])
                for i in range(count)]

    # ------------------------------------------------------------------ form read
    def test_form_lists_missing_items_without_searching(self):
        """The form's "missing before start" shows what the permit's own records say; the
        SIMOPS scan, the sensors and the qualifications are searched at the scan."""
        permit = self.issued_permit()
        Permit = type(self.env["worksafe.permit"])
        Conflict = type(self.env["worksafe.permit.conflict"])

        def forbidden(*args, **kwargs):
            raise AssertionError("searched on a form read")

        patches = [patch.object(Conflict, "_find_for", forbidden)]
        for name in ("_iot_blockers", "_check_qualifications"):
            if hasattr(Permit, name):
                patches.append(patch.object(Permit, name, forbidden))
        for p in patches:
            p.start()
        try:
            permit.invalidate_recordset(["start_blockers"])
            self.assertTrue(permit.start_blockers)  # no gas test, briefing, watcher ...
        finally:
            for p in patches:
                p.stop()

    def test_form_read(self):
        permit = self.issued_permit().with_user(self.applicant)
        permit.web_read(self.form_spec)  # warm the caches that outlive a request
        # 23 with worksafe_permit alone; the addons that extend the form's "missing before
        # start" (qualifications, sensors, an open emergency in the area) add one search
        # each; record rules cached or not move it by a few
        with self.assertQueryCount(27):
            permit.invalidate_model()
            permit.web_read(self.form_spec)

    # ------------------------------------------------------------------ submit
    def test_submit(self):
        self.submit(self.make_permit())  # warm-up
        permit = self.make_permit()
        with self.assertQueryCount(66):  # 62 today
            permit.action_submit()

    def test_submit_costs_the_same_with_3_or_30_approvers(self):
        # the first step is for the area authority: one person is asked
        few = self.submit_queries()
        self.approvers(27, "ws_area_approver")
        self.assertSameQueries(self.submit_queries(), few)

    def test_submit_costs_the_same_with_12_or_30_approvers_of_a_role(self):
        # a step for anyone of the role: the candidates asked are capped, and judged lazily
        self.variant.approval_step_ids.sorted("sequence")[0].area_authority = False
        self.approvers(9, "ws_role_approver")  # 12 with approver_1, approver_2, coordinator
        few = self.submit_queries()
        self.approvers(18, "ws_more_role_approver")
        self.assertSameQueries(self.submit_queries(), few)

    # ------------------------------------------------------------------ start
    def test_start(self):
        self.ready_to_start()  # warm-up
        permit, token = self.ready_to_start()
        Permit = self.env["worksafe.permit"].with_user(self.applicant)
        with self.assertQueryCount(75):  # 70 today
            Permit._start_with_token(token)
        self.assertEqual(permit.state, "active")
