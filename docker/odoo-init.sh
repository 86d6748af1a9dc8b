#!/bin/bash
# Entry point of the WorkSafe Odoo container.
#
# On first start (database missing, or some module of WORKSAFE_INIT_MODULES not
# installed in it) installs the modules - with demo data when
# WORKSAFE_WITH_DEMO=1 - then starts the Odoo server. Later starts skip the
# install. Extra arguments are passed to the server, e.g.
#   docker-compose -f docker/docker-compose.yml run --rm odoo -u worksafe_permit --stop-after-init
set -euo pipefail

: "${ODOO_RC:=/etc/odoo/odoo.conf}"
: "${WORKSAFE_DB:=worksafe}"
: "${WORKSAFE_INIT_MODULES:=worksafe_permit}"
: "${WORKSAFE_WITH_DEMO:=1}"
export ODOO_RC

# wait for PostgreSQL, then print the modules still to install (comma-joined)
TODO=$(python3 - "$ODOO_RC" "$WORKSAFE_DB" "$WORKSAFE_INIT_MODULES" <<'PY'
import configparser
import sys
import time

import psycopg2

rc, db, modules = sys.argv[1], sys.argv[2], [m for m in sys.argv[3].split(",") if m]
cfg = configparser.ConfigParser()
cfg.read(rc)
opt = cfg["options"] if cfg.has_section("options") else {}
params = {k: opt.get("db_" + k) for k in ("host", "port", "user", "password")}
params = {k: v for k, v in params.items() if v and v != "False"}

deadline = time.monotonic() + 60
while True:
    try:
        conn = psycopg2.connect(dbname="postgres", **params)
        break
    except psycopg2.OperationalError as e:
        if time.monotonic() > deadline:
            sys.exit(f"worksafe-odoo-init: database server unreachable: {e}")
        time.sleep(1)
with conn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
    exists = cr.fetchone() is not None
conn.close()

installed = set()
if exists:
    conn = psycopg2.connect(dbname=db, **params)
    with conn.cursor() as cr:
        cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
        if cr.fetchone()[0]:
            cr.execute(
                "SELECT name FROM ir_module_module WHERE state = 'installed' AND name = ANY(%s)",
                [modules],
            )
            installed = {name for (name,) in cr.fetchall()}
    conn.close()
print(",".join(m for m in modules if m not in installed))
PY
)

if [ -n "$TODO" ]; then
    DEMO=()
    [ "$WORKSAFE_WITH_DEMO" = 1 ] && DEMO=(--with-demo)
    echo "worksafe-odoo-init: installing $TODO into database '$WORKSAFE_DB' ${DEMO[*]}"
    odoo -c "$ODOO_RC" -d "$WORKSAFE_DB" -i "$TODO" "${DEMO[@]}" --stop-after-init
else
    echo "worksafe-odoo-init: database '$WORKSAFE_DB' ready ($WORKSAFE_INIT_MODULES installed)"
fi

exec odoo -c "$ODOO_RC" -d "$WORKSAFE_DB" "$@"
