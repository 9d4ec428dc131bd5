#!/usr/bin/env bash
# Start, stop or report the portal's backing services, all on 127.0.0.1:
#   PostgreSQL ($PG_PORT), Redis ($REDIS_PORT), Solr 9 ($SOLR_PORT, cores: ckan, ckan_test).
# Usage: services.sh start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

start_postgres() {
    local dir bin
    dir=$(pg_dir)
    bin=$(pg_bin)
    if [[ ! -f $dir/data/PG_VERSION ]]; then
        log "initialising PostgreSQL cluster in $dir/data"
        runuser -u postgres -- "$bin/initdb" -D "$dir/data" -E UTF8 --locale=C.UTF-8 \
            --auth-local=peer --auth-host=scram-sha-256 -U postgres >/dev/null
    fi
    if ! runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
            -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
            || die "PostgreSQL did not start; see $dir/postgres.log"
    fi
    local role
    for role in "$DB_USER" "$DATASTORE_READER"; do
        if [[ $(pg_super -c "SELECT 1 FROM pg_roles WHERE rolname='$role'") != 1 ]]; then
            pg_super -c "CREATE ROLE $role LOGIN"
        fi
        pg_super -c "ALTER ROLE $role PASSWORD '$(db_password "$role")'"
    done
    local db
    for db in ckan_demo ckan_test datastore_demo datastore_test; do
        if [[ $(pg_super -c "SELECT 1 FROM pg_database WHERE datname='$db'") != 1 ]]; then
            pg_super -c "CREATE DATABASE $db OWNER $DB_USER ENCODING 'UTF8'"
        fi
    done
}

stop_postgres() {
    [[ -e $RUN_DIR/pg ]] || return 0
    local dir
    dir=$(pg_dir)
    if runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        log "stopping PostgreSQL"
        runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
}

redis_ping() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping | grep -q PONG; }

start_redis() {
    mkdir -p "$RUN_DIR/redis"
    redis_ping 2>/dev/null && return
    log "starting Redis on 127.0.0.1:$REDIS_PORT"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$RUN_DIR/redis" \
        --pidfile "$RUN_DIR/redis/redis.pid" --logfile "$RUN_DIR/redis/redis.log" --save "" --appendonly no
    wait_for 30 redis_ping || die "Redis did not start; see $RUN_DIR/redis/redis.log"
}

stop_redis() {
    if pid_alive "$RUN_DIR/redis/redis.pid"; then
        log "stopping Redis"
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$RUN_DIR/redis/redis.pid")"
    fi
}

# Lay out the Solr home from deploy/solr: solr.xml plus one core per name, each with the configset.
# The configset is copied on every start so a schema change reaches the cores.
layout_solr_home() {
    mkdir -p "$SOLR_HOME"
    cp "$DEPLOY_DIR/solr/solr.xml" "$SOLR_HOME/solr.xml"
    local core
    for core in "${SOLR_CORES[@]}"; do
        mkdir -p "$SOLR_HOME/$core/conf"
        cp "$DEPLOY_DIR"/solr/configset/conf/* "$SOLR_HOME/$core/conf/"
        printf 'name=%s\n' "$core" > "$SOLR_HOME/$core/core.properties"
    done
}

# Solr opens its port even when a core fails to load: ready means every core answers a query.
solr_ready() {
    local core
    for core in "${SOLR_CORES[@]}"; do
        curl -fsS "$SOLR_URL/$core/select?q=*:*&rows=0" >/dev/null || return 1
    done
}

start_solr() {
    solr_ready 2>/dev/null && return
    pid_alive "$RUN_DIR/solr/solr.pid" && die "Solr is running but its cores do not answer; see $RUN_DIR/solr/solr.log"
    layout_solr_home
    log "starting Solr 9 on $SOLR_URL"
    start_background "Solr cores" "$RUN_DIR/solr/solr.pid" "$RUN_DIR/solr/solr.log" 180 solr_ready -- \
        java -Xms256m -Xmx512m -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$DEPLOY_DIR/solr/log4j2.xml" -Dsolr.log.dir="$RUN_DIR/solr" \
        -cp "$SOLR_LIB/*" "$DEPLOY_DIR/solr/SolrMain.java" "$SOLR_HOME" "$SOLR_PORT"
}

stop_solr() { stop_background Solr "$RUN_DIR/solr/solr.pid"; }

status() {
    local ok=0
    if runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$(pg_dir)/data" status >/dev/null 2>&1; then
        echo "PostgreSQL  running  127.0.0.1:$PG_PORT"; else echo "PostgreSQL  stopped"; ok=1; fi
    if redis_ping 2>/dev/null; then echo "Redis       running  127.0.0.1:$REDIS_PORT"; else echo "Redis       stopped"; ok=1; fi
    if solr_ready 2>/dev/null; then echo "Solr        running  $SOLR_URL (${SOLR_CORES[*]})"; else echo "Solr        stopped"; ok=1; fi
    return $ok
}

case "${1:-}" in
    start) start_postgres; start_redis; start_solr ;;
    stop) stop_solr; stop_redis; stop_postgres ;;
    status) status ;;
    *) die "usage: $0 start|stop|status" ;;
esac
