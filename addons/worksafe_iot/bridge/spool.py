"""The bridge's local store-and-forward outbox (SQLite, WAL, fsync on commit).

Every message is written here (and committed) before its MQTT acknowledgement is sent;
the shipper sends the outbox to Odoo in order and deletes what Odoo confirmed.  Odoo
deduplicates readings by (device, boot, seq), so a crash between "Odoo stored it" and
"deleted from the outbox" only causes a harmless resend.
"""

import json
import sqlite3
import threading


class Spool:
    def __init__(self, path, synchronous="FULL"):
        self.path = path
        self._local = threading.local()
        self._sync = synchronous
        conn = self._conn()
        conn.execute("CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                     " kind TEXT NOT NULL, body TEXT NOT NULL)")
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

    def put(self, records, dead=(), delete_upto=None):
        """records: [(kind, dict)], dead: [(ts, topic, payload, error)]; one transaction,
        which also forgets the rows up to ``delete_upto`` (what Odoo confirmed): the one
        writer thread does every write, so the shipper never fights it for the lock."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            if delete_upto is not None:
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

    def take(self, limit, raw=False, after=0):
        """The oldest ``limit`` rows (with an id above ``after``) as (id, kind, body);
        ``raw``: body as its JSON text."""
        rows = self._conn().execute(
            "SELECT id, kind, body FROM outbox WHERE id > ? ORDER BY id LIMIT ?",
            (after, limit)).fetchall()
        if raw:
            return rows
        return [(i, kind, json.loads(body)) for i, kind, body in rows]

    def delete_upto(self, last_id):
        self._conn().execute("DELETE FROM outbox WHERE id <= ?", (last_id,))

    def pending(self):
        return self._conn().execute("SELECT count(*) FROM outbox").fetchone()[0]

    def dead_count(self):
        return self._conn().execute("SELECT count(*) FROM deadletter").fetchone()[0]

    def close(self):
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
