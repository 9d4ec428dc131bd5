#!/usr/bin/env bash
# CKAN for one profile ("demo" or "test"): config file, database, sysadmin, web server.
# Usage: ckan.sh setup PROFILE | serve PROFILE | stop PROFILE | ini PROFILE
# Needs the services from services.sh running.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

profile_settings() {
    PROFILE=$1
    case "$1" in
        # The harvester may fetch from loopback only where the profile needs it: the demo list server;
        # the tests' own servers (random ports on 127.0.0.1). Production leaves the allow-list empty.
        demo) ALLOW_HOSTS="127.0.0.1:$DEMO_LISTS_PORT"; INI="$RUN_DIR/ckan.ini"; DB=ckan_demo; DATASTORE_DB=datastore_demo; CORE=ckan; REDIS_DB=0; PORT=$CKAN_PORT ;;
        test) ALLOW_HOSTS="127.0.0.1"; INI="$RUN_DIR/test.ini"; DB=ckan_test; DATASTORE_DB=datastore_test; CORE=ckan_test; REDIS_DB=1; PORT=$CKAN_TEST_PORT ;;
        *) die "unknown profile '$1' (demo|test)" ;;
    esac
    PIDFILE="$RUN_DIR/ckan-$1.pid"
    LOGFILE="$RUN_DIR/ckan-$1.log"
    STORAGE="$RUN_DIR/storage/$1"
}

ckan_cli() { "$VENV_BIN/ckan" -c "$INI" "$@"; }

# The ini is generated once by CKAN itself (fresh secrets), then our settings are (re)applied on every
# run from deploy/ckan-settings.ini, so editing that file and re-running is enough.
write_config() {
    mkdir -p "$STORAGE"
    if [[ ! -f $INI ]]; then
        log "generating $INI"
        "$VENV_BIN/ckan" generate config "$INI" >/dev/null
    fi
    local password reader_password settings=()
    password=$(db_password "$DB_USER")
    reader_password=$(db_password "$DATASTORE_READER")
    while IFS= read -r line; do
        [[ -z $line || $line == \#* ]] && continue
        line=${line//@DB_URL@/postgresql://$DB_USER:$password@127.0.0.1:$PG_PORT/$DB}
        line=${line//@DATASTORE_WRITE_URL@/postgresql://$DB_USER:$password@127.0.0.1:$PG_PORT/$DATASTORE_DB}
        line=${line//@DATASTORE_READ_URL@/postgresql://$DATASTORE_READER:$reader_password@127.0.0.1:$PG_PORT/$DATASTORE_DB}
        line=${line//@SOLR_URL@/$SOLR_URL/$CORE}
        line=${line//@REDIS_URL@/redis://127.0.0.1:$REDIS_PORT/$REDIS_DB}
        line=${line//@REDIS_PORT@/$REDIS_PORT}
        line=${line//@REDIS_DB@/$REDIS_DB}
        line=${line//@SITE_URL@/http://127.0.0.1:$PORT}
        line=${line//@STORAGE@/$STORAGE}
        line=${line//@LISTS_DIR@/$RUN_DIR/lists}
        line=${line//@ALLOW_HOSTS@/$ALLOW_HOSTS}
        settings+=("$line")
    done < "$DEPLOY_DIR/ckan-settings.ini"
    "$VENV_BIN/ckan" config-tool "$INI" "${settings[@]}" >/dev/null
}

setup() {
    write_config
    log "migrating database $DB (CKAN core and plugins)"
    ckan_cli db upgrade >/dev/null 2>"$RUN_DIR/db-upgrade-$PROFILE.log" \
        || { cat "$RUN_DIR/db-upgrade-$PROFILE.log" >&2; die "database migration failed"; }
    log "setting DataStore permissions on $DATASTORE_DB"
    ckan_cli datastore set-permissions 2>/dev/null | pg_super -d "$DATASTORE_DB" >/dev/null
    if ! ckan_cli user show "$DEMO_ADMIN_USER" 2>/dev/null | grep -q "name=$DEMO_ADMIN_USER"; then
        log "creating sysadmin '$DEMO_ADMIN_USER'"
        ckan_cli user add "$DEMO_ADMIN_USER" email=admin@zhangdian.example.gov.cn \
            password="$DEMO_ADMIN_PASSWORD" fullname="平台管理员" >/dev/null 2>&1
    fi
    ckan_cli sysadmin add "$DEMO_ADMIN_USER" >/dev/null 2>&1
}

api_ready() { curl -fsS "http://127.0.0.1:$PORT/api/3/action/status_show" >/dev/null; }

serve() {
    if api_ready 2>/dev/null; then
        return
    fi
    pid_alive "$PIDFILE" && die "CKAN ($1) is running but does not answer; see $LOGFILE"
    log "starting CKAN ($1) on http://127.0.0.1:$PORT"
    start_background "CKAN ($1)" "$PIDFILE" "$LOGFILE" 120 api_ready -- \
        "$VENV_BIN/ckan" -c "$INI" run -H 127.0.0.1 -p "$PORT" --disable-reloader
}

stop() { stop_background "CKAN ($1)" "$PIDFILE"; }

[[ $# -eq 2 ]] || die "usage: $0 setup|serve|stop|ini demo|test"
profile_settings "$2"
case "$1" in
    setup) setup ;;
    serve) serve "$2" ;;
    stop) stop "$2" ;;
    ini) echo "$INI" ;;
    *) die "usage: $0 setup|serve|stop|ini demo|test" ;;
esac
