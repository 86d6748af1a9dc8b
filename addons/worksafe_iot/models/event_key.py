from datetime import timedelta

from odoo import api, fields, models

# how long an event id is remembered: longer than any bridge keeps an unconfirmed event
KEEP_DAYS = 14


class WorksafeIotEventKey(models.Model):
    """Ids of the bridge events already applied, so that a batch sent twice (an HTTP
    timeout while Odoo was still working on the first copy, a commit whose answer was
    lost) applies each alarm change once.  A copy that comes in while the first one is
    not committed yet waits on the unique key, then skips: no serialisation failure."""

    _name = "worksafe.iot.event.key"
    _description = "Applied bridge event"
    _log_access = False
    _rec_name = "key"

    key = fields.Char(required=True, readonly=True)
    seen_at = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)

    _key_unique = models.UniqueIndex("(key)")

    def _claim(self, key):
        """Record ``key``; False when it was already applied (by a committed batch)."""
        self.env.cr.execute(
            f"INSERT INTO {self._table} (key, seen_at) VALUES (%s, now() at time zone 'UTC')"
            " ON CONFLICT (key) DO NOTHING RETURNING id", [key])
        return bool(self.env.cr.fetchone())

    def _claim_many(self, keys):
        """Record ``keys`` in one statement; returns the set of those not applied before."""
        if not keys:
            return set()
        self.env.cr.execute(
            f"INSERT INTO {self._table} (key, seen_at)"
            " SELECT DISTINCT unnest(%s::varchar[]), now() at time zone 'UTC'"
            " ON CONFLICT (key) DO NOTHING RETURNING key", [list(keys)])
        return {row[0] for row in self.env.cr.fetchall()}

    @api.autovacuum
    def _gc_event_keys(self):
        self.env.cr.execute(f"DELETE FROM {self._table} WHERE seen_at < %s",
                            [fields.Datetime.now() - timedelta(days=KEEP_DAYS)])
