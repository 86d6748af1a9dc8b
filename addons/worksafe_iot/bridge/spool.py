"""The bridge's local store-and-forward outbox (SQLite, WAL, fsync on commit).

Every message is written here (and committed) before its MQTT acknowledgement is sent;
the shipper sends the outbox to Odoo in two lanes (readings ``r`` and events ``e``), each
in order, and the writer deletes what Odoo confirmed.  Odoo deduplicates readings by
(company, device, boot, seq) and events by their id, so a crash between "Odoo stored it"
and "deleted from the outbox" only causes a harmless resend.  What Odoo refused as
unusable moves to the dead-letter table (kept, never resent); that table is pruned by
age and size.
"""

import json
import sqlite3
import threading
import time

KINDS = ("r", "e")


class Spool:
    def __init__(self, path, synchronous="FULL"):
        self.path = path
        self._local = threading.local()
        self._sync = synchronous
        conn = self._conn()
        conn.execute("CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                     " kind TEXT NOT NULL, body TEXT NOT NULL)")
        conn.execute("CREATE INDEX IF NOT EXISTS outbox_kind ON outbox (kind, id)")
        conn.execute("CREATE TABLE IF NOT EXISTS deadletter (id INTEGER PRIMARY KEY"
                     " AUTOINCREMENT, ts REAL, topic TEXT, payload BLOB, error TEXT)")

    def _conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA synchronous={self._sync}")
            self._local.conn = conn
        return conn

    def put(self, records, dead=(), delete_upto=None, refused=(), now=None):
        """records: [(kind, dict)], dead: [(ts, topic, payload, error)]; one transaction,
        which also moves the ``refused`` outbox ids to the dead letters and forgets the
        rows up to ``delete_upto`` (an id, or {kind: id}: what Odoo confirmed): the one
        writer thread does every write, so the shipper never fights it for the lock."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            if refused:
                conn.executemany(
                    "INSERT INTO deadletter (ts, topic, payload, error) SELECT ?, 'odoo:'"
                    " || kind, body, 'refused by Odoo' FROM outbox WHERE id = ?",
                    [(now or time.time(), rid) for rid in refused])
                conn.executemany("DELETE FROM outbox WHERE id = ?", [(r,) for r in refused])
            if isinstance(delete_upto, dict):
                for kind, upto in delete_upto.items():
                    conn.execute("DELETE FROM outbox WHERE kind = ? AND id <= ?", (kind, upto))
            elif delete_upto is not None:
                conn.execute("DELETE FROM outbox WHERE id <= ?", (delete_upto,))
            if records:
                conn.executemany("INSERT INTO outbox (kind, body) VALUES (?, ?)",
                                 [(kind, json.dumps(body, separators=(",", ":")))
                                  for kind, body in records])
            if dead:
                conn.executemany("INSERT INTO deadletter (ts, topic, payload, error)"
                                 " VALUES (?, ?, ?, ?)", dead)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def take(self, limit, raw=False, after=0, kind=None):
        """The oldest ``limit`` rows (of ``kind`` when given) with an id above ``after``,
        as (id, kind, body); ``raw``: body as its JSON text."""
        if kind is None:
            rows = self._conn().execute(
                "SELECT id, kind, body FROM outbox WHERE id > ? ORDER BY id LIMIT ?",
                (after, limit)).fetchall()
        else:
            rows = self._conn().execute(
                "SELECT id, kind, body FROM outbox WHERE kind = ? AND id > ? ORDER BY id"
                " LIMIT ?", (kind, after, limit)).fetchall()
        if raw:
            return rows
        return [(i, k, json.loads(body)) for i, k, body in rows]

    def delete_upto(self, last_id):
        if isinstance(last_id, dict):
            for kind, upto in last_id.items():
                self._conn().execute("DELETE FROM outbox WHERE kind = ? AND id <= ?",
                                     (kind, upto))
        else:
            self._conn().execute("DELETE FROM outbox WHERE id <= ?", (last_id,))

    def prune_dead(self, max_rows, max_age_s, now=None):
        """Forget dead letters older than ``max_age_s`` and beyond the newest ``max_rows``
        (a device spamming garbage must not fill the disk)."""
        conn = self._conn()
        now = now or time.time()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM deadletter WHERE ts < ?", (now - max_age_s,))
            conn.execute("DELETE FROM deadletter WHERE id <= (SELECT max(id) FROM deadletter)"
                         " - ?", (max_rows,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def pending(self, kind=None):
        if kind is None:
            return self._conn().execute("SELECT count(*) FROM outbox").fetchone()[0]
        return self._conn().execute("SELECT count(*) FROM outbox WHERE kind = ?",
                                    (kind,)).fetchone()[0]

    def dead_count(self):
        return self._conn().execute("SELECT count(*) FROM deadletter").fetchone()[0]

    def close(self):
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
