from .common import RectificationCase


class TestCloseCheckQueries(RectificationCase):
    """The close check and the counters read the rectifications in a fixed number of
    queries, however many a permit has."""

    def test_queries_do_not_grow_with_rectifications(self):
        permits = self.make_permit() | self.make_permit()
        for permit in permits:
            self.Rect.with_user(self.officer)._open_from(permit, "Fix A")
        counts = []
        for extra in (0, 0, 5):  # the first round warms the caches
            for permit in permits:
                for i in range(extra):
                    self.Rect.with_user(self.officer)._open_from(permit, f"Fix {i}")
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            permits.mapped("rectification_open_count")
            for permit in permits:
                permit._get_blockers("close")
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1], counts[2])
        self.env.invalidate_all()
        with self.assertQueryCount(counts[1]):
            permits.mapped("rectification_open_count")
            for permit in permits:
                permit._get_blockers("close")
