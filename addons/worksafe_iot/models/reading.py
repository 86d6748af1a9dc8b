import json
from datetime import datetime, timezone

from odoo import fields, models, tools


def _ts(epoch):
    return datetime.fromtimestamp(float(epoch), timezone.utc).replace(tzinfo=None)


class WorksafeIotReading(models.Model):
    """Raw sensor readings: a lean, append-only table written in bulk with plain SQL
    (one ``INSERT … SELECT FROM jsonb_array_elements(batch) ON CONFLICT (company_id,
    device_code, boot, seq) DO NOTHING``),
    read through the ORM.  One row per message; the measurements are a JSON array
    ``[[code, value, unit, quality], …]``.

    A device is identified by its company and its code (codes are unique per company
    only): the company is part of the deduplication key, so one company's readings are
    never dropped as another's duplicates.  A reading of a code no device has takes the
    company of the bridge that sent it (and is visible to that company only)."""

    _name = "worksafe.iot.reading"
    _description = "Sensor reading"
    _auto = False
    _log_access = False
    _order = "device_time desc, id desc"
    _rec_name = "device_code"

    device_id = fields.Many2one("worksafe.iot.device", "Device", readonly=True)
    device_code = fields.Char("Device ID", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    boot = fields.Integer(readonly=True, aggregator=None)
    seq = fields.Integer("Sequence", readonly=True, aggregator=None)
    device_time = fields.Datetime("Measured at", readonly=True)
    received_at = fields.Datetime("Received by the bridge", readonly=True)
    stored_at = fields.Datetime("Stored", readonly=True)
    historical = fields.Boolean("Replayed", readonly=True)
    battery = fields.Float(readonly=True)
    values = fields.Json("Measurements", readonly=True)
    values_display = fields.Char("Values", compute="_compute_values_display")
    position = fields.Json(readonly=True)

    def init(self):
        cr = self.env.cr
        if not tools.sql.table_exists(cr, self._table):
            cr.execute(f"""
                CREATE TABLE {self._table} (
                    id bigserial PRIMARY KEY,
                    device_id integer REFERENCES worksafe_iot_device(id) ON DELETE SET NULL,
                    device_code varchar NOT NULL,
                    company_id integer,
                    boot integer NOT NULL DEFAULT 0,
                    seq bigint NOT NULL,
                    device_time timestamp NOT NULL,
                    received_at timestamp NOT NULL,
                    stored_at timestamp NOT NULL DEFAULT (now() at time zone 'UTC'),
                    historical boolean NOT NULL DEFAULT false,
                    battery double precision,
                    "values" jsonb NOT NULL,
                    position jsonb
                )""")
            cr.execute(f"CREATE INDEX {self._table}_device_time ON {self._table}"
                       " (device_id, device_time DESC)")
        # the deduplication key includes the company (databases made before had it without)
        cr.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                   [f"{self._table}_dedupe"])
        indexdef = (cr.fetchone() or [""])[0]
        if "company_id" not in indexdef:
            cr.execute(f"DROP INDEX IF EXISTS {self._table}_dedupe")
            cr.execute(f"CREATE UNIQUE INDEX {self._table}_dedupe ON {self._table}"
                       " (company_id, device_code, boot, seq)")

    def _compute_values_display(self):
        for reading in self:
            reading.values_display = ", ".join(
                f"{code} {value:g} {unit or ''}".strip() if isinstance(value, (int, float))
                else f"{code} -" for code, value, unit, *_q in (reading.values or []))

    def _insert_rows(self, rows, devices, company_id):
        """Insert bridge rows (see rules/payload.Reading.as_row); returns the keys
        ``(device code, boot, seq)`` of the new rows (duplicates by (company, device, boot,
        seq) are skipped).  ``devices``: code → (device id, company id); a code without a
        device is stored under ``company_id`` (the bridge's company)."""
        if not rows:
            return []
        values = []
        for row in rows:
            device = devices.get(row["d"])
            values.append((
                device[0] if device else None, row["d"], device[1] if device else company_id,
                int(row.get("b", 0)), int(row["s"]), float(row["t"]), float(row["r"]),
                bool(row.get("h")), row.get("bat"), row["m"], row.get("pos") or None,
            ))
        # one JSON document unpacked by PostgreSQL: a parameter per row and column,
        # formatted by psycopg2 in Python, cost more than the insert itself
        self.env.cr.execute(
            f"""INSERT INTO {self._table} (device_id, device_code, company_id, boot, seq,
                    device_time, received_at, historical, battery, "values", position)
                SELECT (x->>0)::int, x->>1, (x->>2)::int, (x->>3)::int, (x->>4)::bigint,
                       to_timestamp((x->>5)::float8) AT TIME ZONE 'UTC',
                       to_timestamp((x->>6)::float8) AT TIME ZONE 'UTC',
                       (x->>7)::boolean, (x->>8)::float8, x->9,
                       CASE WHEN jsonb_typeof(x->10) = 'object' THEN x->10 END
                  FROM jsonb_array_elements(%s::jsonb) AS x
                ON CONFLICT (company_id, device_code, boot, seq) DO NOTHING
                RETURNING device_code, boot, seq""", [json.dumps(values)])
        inserted = self.env.cr.fetchall()
        return [tuple(key) for key in inserted]
