#!/usr/bin/env bash
# Throwaway test services for WorkSafe: a private PostgreSQL cluster and a
# private Mosquitto broker, both on free loopback ports, both deleted on exit.
#
# Two ways to use it:
#
#   1. Run a command with the services up (they stop when it ends):
#        tests/pg.sh tests/run.sh            # PostgreSQL only
#        tests/pg.sh --mqtt tests/run.sh -k gas
#        tests/pg.sh --mqtt                  # no command: print the exports, wait for Ctrl-C
#
#   2. Source it from another bash script (this is what .ci/run does):
#        source tests/pg.sh
#        trap worksafe_services_stop EXIT
#        worksafe_pg_start      # exports PGHOST PGPORT PGUSER PGDATABASE (unsets PGPASSWORD)
#        worksafe_mqtt_start    # exports WORKSAFE_MQTT_HOST WORKSAFE_MQTT_PORT
#
# Knobs (environment): WORKSAFE_TMPDIR (parent of the temp dirs, default /tmp),
# PG_BINDIR (dir holding initdb/pg_ctl, default: newest /usr/lib/postgresql/*/bin,
# else from PATH), WORKSAFE_PG_ROLE (superuser role to create, default: current
# user, or "odoo" when that is "postgres", which Odoo refuses to use).
#
# As root, PostgreSQL cannot run as root: the cluster is owned by and run as the
# "postgres" system user (created by Debian's postgresql package).

_WORKSAFE_PG_TMP=""
_WORKSAFE_PG_RUNAS=()
_WORKSAFE_PG_BINDIR=""
_WORKSAFE_MQTT_TMP=""
_WORKSAFE_MQTT_PID=""

_worksafe_repo_root() {
    (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
}

_worksafe_free_port() {
    python3 - <<'EOF'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

_worksafe_wait_port() {  # host port timeout_seconds
    python3 - "$1" "$2" "$3" <<'EOF'
import socket, sys, time
host, port, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
deadline = time.monotonic() + timeout
while time.monotonic() < deadline:
    try:
        socket.create_connection((host, port), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
EOF
}

_worksafe_pg_bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        echo "$PG_BINDIR"
        return
    fi
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then
        echo "$d"
        return
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    return 1
}

_worksafe_pg() {  # run a PostgreSQL binary as the cluster owner
    local bin=$1
    shift
    "${_WORKSAFE_PG_RUNAS[@]}" "$_WORKSAFE_PG_BINDIR/$bin" "$@"
}

worksafe_pg_start() {
    if [ -n "$_WORKSAFE_PG_TMP" ]; then
        echo "pg.sh: PostgreSQL already started (PGPORT=$PGPORT)" >&2
        return 0
    fi
    _WORKSAFE_PG_BINDIR=$(_worksafe_pg_bindir) || {
        echo "pg.sh: ERROR: no PostgreSQL server binaries (initdb) found." >&2
        echo "pg.sh: install them (Debian: apt-get install postgresql) or set PG_BINDIR." >&2
        return 1
    }
    local me role
    me=$(id -un)
    role=${WORKSAFE_PG_ROLE:-$me}
    [ "$role" = postgres ] && role=odoo

    _WORKSAFE_PG_TMP=$(mktemp -d "${WORKSAFE_TMPDIR:-/tmp}/worksafe-pg.XXXXXX")
    chmod 755 "$_WORKSAFE_PG_TMP"
    mkdir -p "$_WORKSAFE_PG_TMP/sock"
    if [ "$(id -u)" = 0 ]; then
        if ! id postgres >/dev/null 2>&1; then
            echo "pg.sh: ERROR: running as root but there is no 'postgres' system user to run the server." >&2
            return 1
        fi
        chown postgres: "$_WORKSAFE_PG_TMP" "$_WORKSAFE_PG_TMP/sock"
        _WORKSAFE_PG_RUNAS=(runuser -u postgres --)
    else
        _WORKSAFE_PG_RUNAS=()
    fi

    # superuser "postgres" for bootstrap, trust auth: this cluster only listens
    # on 127.0.0.1 and a private socket dir, and lives for one test run.
    if ! _worksafe_pg initdb -D "$_WORKSAFE_PG_TMP/data" -U postgres --auth=trust \
            -E UTF8 --no-locale >"$_WORKSAFE_PG_TMP/initdb.log" 2>&1; then
        echo "pg.sh: ERROR: initdb failed:" >&2
        cat "$_WORKSAFE_PG_TMP/initdb.log" >&2
        return 1
    fi

    local port attempt started=0
    for attempt in 1 2 3; do
        port=$(_worksafe_free_port)
        if _worksafe_pg pg_ctl -D "$_WORKSAFE_PG_TMP/data" -l "$_WORKSAFE_PG_TMP/postgresql.log" \
                -w -t 60 -o "-c listen_addresses=127.0.0.1 -c port=$port \
                -c unix_socket_directories=$_WORKSAFE_PG_TMP/sock \
                -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
                -c max_connections=200" start >/dev/null; then
            started=1
            break
        fi
        echo "pg.sh: PostgreSQL did not start on port $port (attempt $attempt)" >&2
    done
    if [ "$started" != 1 ]; then
        echo "pg.sh: ERROR: could not start PostgreSQL; server log:" >&2
        tail -n 40 "$_WORKSAFE_PG_TMP/postgresql.log" >&2 || true
        return 1
    fi

    if [ "$role" != postgres ]; then
        "$_WORKSAFE_PG_BINDIR/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
            -v ON_ERROR_STOP=1 -c "CREATE ROLE \"$role\" LOGIN SUPERUSER" >/dev/null
    fi

    export PGHOST=127.0.0.1 PGPORT=$port PGUSER=$role PGDATABASE=postgres
    unset PGPASSWORD
    export WORKSAFE_PG_TMP=$_WORKSAFE_PG_TMP
    echo "pg.sh: PostgreSQL $("$_WORKSAFE_PG_BINDIR/postgres" -V | awk '{print $3}') up:" \
        "PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER (data in $_WORKSAFE_PG_TMP)"
}

worksafe_pg_stop() {
    [ -n "$_WORKSAFE_PG_TMP" ] || return 0
    if [ -f "$_WORKSAFE_PG_TMP/data/postmaster.pid" ]; then
        _worksafe_pg pg_ctl -D "$_WORKSAFE_PG_TMP/data" -m immediate -w -t 30 stop \
            >/dev/null 2>&1 || true
    fi
    rm -rf "$_WORKSAFE_PG_TMP"
    _WORKSAFE_PG_TMP=""
}

worksafe_mqtt_start() {
    if [ -n "$_WORKSAFE_MQTT_PID" ]; then
        echo "pg.sh: Mosquitto already started (WORKSAFE_MQTT_PORT=$WORKSAFE_MQTT_PORT)" >&2
        return 0
    fi
    local mosq
    mosq=$(command -v mosquitto || ls /usr/sbin/mosquitto 2>/dev/null) || {
        echo "pg.sh: ERROR: mosquitto not found (Debian: apt-get install mosquitto)." >&2
        return 1
    }
    local src
    src="$(_worksafe_repo_root)/docker/mosquitto/mosquitto.conf"
    _WORKSAFE_MQTT_TMP=$(mktemp -d "${WORKSAFE_TMPDIR:-/tmp}/worksafe-mqtt.XXXXXX")
    mkdir -p "$_WORKSAFE_MQTT_TMP/data"

    local port attempt conf=$_WORKSAFE_MQTT_TMP/mosquitto.conf
    for attempt in 1 2 3; do
        port=$(_worksafe_free_port)
        {
            echo "# generated by tests/pg.sh from $src"
            # Keep the production tuning (queues, persistence, nodelay...), drop
            # everything about where it listens, who may connect and where it writes.
            if [ -f "$src" ]; then
                grep -vE '^[[:space:]]*(#|$)' "$src" |
                    grep -vE '^[[:space:]]*(listener|port|bind_address|socket_domain|allow_anonymous|password_file|acl_file|psk_file|persistence_location|log_dest|log_type|pid_file|user|include_dir|certfile|keyfile|cafile|capath|require_certificate)([[:space:]]|$)' || true
            else
                echo "persistence true"
            fi
            echo "listener $port 127.0.0.1"
            echo "allow_anonymous true"
            echo "persistence_location $_WORKSAFE_MQTT_TMP/data/"
            echo "log_dest file $_WORKSAFE_MQTT_TMP/mosquitto.log"
            echo "log_type error"
            echo "log_type warning"
            echo "log_type notice"
            # as root mosquitto would otherwise drop to user "mosquitto", who
            # cannot write into our temp dir
            echo "user $(id -un)"
        } >"$conf"
        "$mosq" -c "$conf" >>"$_WORKSAFE_MQTT_TMP/stdout.log" 2>&1 &
        _WORKSAFE_MQTT_PID=$!
        if _worksafe_wait_port 127.0.0.1 "$port" 10 && kill -0 "$_WORKSAFE_MQTT_PID" 2>/dev/null; then
            export WORKSAFE_MQTT_HOST=127.0.0.1 WORKSAFE_MQTT_PORT=$port
            echo "pg.sh: Mosquitto up: WORKSAFE_MQTT_HOST=$WORKSAFE_MQTT_HOST WORKSAFE_MQTT_PORT=$WORKSAFE_MQTT_PORT"
            return 0
        fi
        kill "$_WORKSAFE_MQTT_PID" 2>/dev/null || true
        wait "$_WORKSAFE_MQTT_PID" 2>/dev/null || true
        _WORKSAFE_MQTT_PID=""
        echo "pg.sh: Mosquitto did not start on port $port (attempt $attempt)" >&2
    done
    echo "pg.sh: ERROR: could not start Mosquitto:" >&2
    cat "$_WORKSAFE_MQTT_TMP"/*.log >&2 2>/dev/null || true
    return 1
}

worksafe_mqtt_stop() {
    if [ -n "$_WORKSAFE_MQTT_PID" ]; then
        kill "$_WORKSAFE_MQTT_PID" 2>/dev/null || true
        wait "$_WORKSAFE_MQTT_PID" 2>/dev/null || true
        _WORKSAFE_MQTT_PID=""
    fi
    if [ -n "$_WORKSAFE_MQTT_TMP" ]; then
        rm -rf "$_WORKSAFE_MQTT_TMP"
        _WORKSAFE_MQTT_TMP=""
    fi
}

worksafe_services_stop() {
    worksafe_mqtt_stop
    worksafe_pg_stop
}

# ---------------------------------------------------------------------------
# Executed (not sourced): start the services, run the command, clean up.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    want_mqtt=0
    while [ $# -gt 0 ]; do
        case "$1" in
            --mqtt) want_mqtt=1; shift ;;
            --) shift; break ;;
            -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
            *) break ;;
        esac
    done
    trap worksafe_services_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    worksafe_pg_start
    if [ "$want_mqtt" = 1 ]; then
        worksafe_mqtt_start
    fi
    if [ $# -gt 0 ]; then
        set +e
        "$@"
        rc=$?
        set -e
        exit $rc
    fi
    echo "export PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER PGDATABASE=$PGDATABASE"
    if [ "$want_mqtt" = 1 ]; then
        echo "export WORKSAFE_MQTT_HOST=$WORKSAFE_MQTT_HOST WORKSAFE_MQTT_PORT=$WORKSAFE_MQTT_PORT"
    fi
    echo "pg.sh: services running; press Ctrl-C to stop and delete them."
    while true; do sleep 3600; done
fi
