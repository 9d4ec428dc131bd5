# Shared settings for the portal's service scripts. Source it; do not run it.
# Every piece of state lives under $RUN_DIR (git-ignored); ports are loopback-only.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="${ZD_RUN_DIR:-$REPO_DIR/.run}"
VENV_DIR="${ZD_VENV_DIR:-$REPO_DIR/.venv}"
VENV_BIN="$VENV_DIR/bin"
DEPLOY_DIR="$REPO_DIR/deploy"

PG_PORT="${ZD_PG_PORT:-5439}"
REDIS_PORT="${ZD_REDIS_PORT:-6389}"
SOLR_PORT="${ZD_SOLR_PORT:-8983}"
CKAN_PORT="${ZD_CKAN_PORT:-5000}"
CKAN_TEST_PORT="${ZD_CKAN_TEST_PORT:-5051}"
DEMO_LISTS_PORT="${ZD_DEMO_LISTS_PORT:-8765}"
DB_USER=ckan_default
DATASTORE_READER=datastore_ro

SOLR_LIB="$RUN_DIR/solr/lib"
SOLR_HOME="$RUN_DIR/solr/home"
SOLR_URL="http://127.0.0.1:$SOLR_PORT/solr"
SOLR_CORES=(ckan ckan_test)

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# Wait until "$@" succeeds, at most $1 seconds (first argument). Prints a dot per try.
wait_for() {
    local timeout=$1 waited=0
    shift
    until "$@" >/dev/null 2>&1; do
        if (( waited >= timeout )); then
            echo
            return 1
        fi
        printf '.'
        sleep 1
        waited=$((waited + 1))
    done
    (( waited == 0 )) || echo
}

pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# PostgreSQL refuses to run as root, so its files must be reachable by the postgres user.
# A checkout under a private folder (e.g. /root) is not: then the cluster lives in a folder of its
# own, keyed by this checkout, linked from $RUN_DIR/pg.
pg_dir() {
    if [[ -L $RUN_DIR/pg || -d $RUN_DIR/pg ]]; then
        readlink -f "$RUN_DIR/pg"
        return
    fi
    mkdir -p "$RUN_DIR/pg"
    chown postgres:postgres "$RUN_DIR/pg"
    if runuser -u postgres -- test -w "$RUN_DIR/pg"; then
        echo "$RUN_DIR/pg"
    else
        rmdir "$RUN_DIR/pg"
        local outside
        outside="/var/lib/zhangdian/$(echo -n "$REPO_DIR" | md5sum | cut -c1-12)/pg"
        mkdir -p "$outside"
        chown postgres:postgres "$outside" "$(dirname "$outside")"
        ln -s "$outside" "$RUN_DIR/pg"
        echo "$outside"
    fi
}

# db_password ROLE: the role's generated password (one per role, kept in $RUN_DIR, mode 600).
db_password() {
    local file="$RUN_DIR/db-password-$1"
    [[ -s $file ]] || { head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$file"; chmod 600 "$file"; }
    cat "$file"
}

# psql as the postgres superuser over the cluster's own socket.
pg_super() { runuser -u postgres -- "$(pg_bin)/psql" -h "$(pg_dir)" -p "$PG_PORT" -v ON_ERROR_STOP=1 -qAt "$@"; }

# The demo installation's sysadmin (demo data only; production creates its own administrators).
DEMO_ADMIN_USER=admin
DEMO_ADMIN_PASSWORD=zhangdian-admin-2026

# start_background NAME PIDFILE LOGFILE TIMEOUT READY_COMMAND -- COMMAND...
# Start COMMAND detached (logging to LOGFILE), then wait until READY_COMMAND succeeds.
start_background() {
    local name=$1 pidfile=$2 logfile=$3 timeout=$4 ready=$5
    shift 6
    nohup "$@" > "$logfile" 2>&1 &
    echo $! > "$pidfile"
    if ! wait_for "$timeout" "$ready"; then
        tail -n 40 "$logfile" >&2
        die "$name did not become ready; see $logfile"
    fi
}

# stop_background NAME PIDFILE: stop what start_background started (SIGTERM, then SIGKILL after 30 s).
stop_background() {
    local name=$1 pidfile=$2 pid
    if pid_alive "$pidfile"; then
        log "stopping $name"
        pid=$(cat "$pidfile")
        kill "$pid"
        wait_for 30 bash -c "! kill -0 $pid" || kill -9 "$pid"
    fi
    rm -f "$pidfile"
}
