#!/usr/bin/env bash
# `make demo`: CKAN on the demo profile, the demo departments, their open-data lists served over
# local HTTP (a stand-in for the departments' web servers) and harvested, then where to find it all.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

LISTS_DIR="$RUN_DIR/demo-lists"
LISTS_URL="http://127.0.0.1:$DEMO_LISTS_PORT"
INI="$RUN_DIR/ckan.ini"

lists_server_ready() { curl -fsS "$LISTS_URL/zd-jtysj/" >/dev/null; }

if [[ ${1:-} == --stop-lists-server ]]; then
    stop_background "the demo list server" "$RUN_DIR/demo-lists-server.pid"
    exit 0
fi

bash "$DEPLOY_DIR/scripts/ckan.sh" setup demo
log "loading the demo departments (labelled 【演示数据】)"
"$VENV_BIN/ckan" -c "$INI" zhangdian demo-data --lists-url "$LISTS_URL" 2>>"$RUN_DIR/demo.log"

log "writing the departments' demo lists to $LISTS_DIR"
"$VENV_BIN/python" "$DEPLOY_DIR/demo/make_demo_lists.py" "$LISTS_DIR" > "$RUN_DIR/demo-lists.txt"
if ! lists_server_ready 2>/dev/null; then
    log "serving the demo lists on $LISTS_URL"
    start_background "the demo list server" "$RUN_DIR/demo-lists-server.pid" "$RUN_DIR/demo-lists-server.log" \
        30 lists_server_ready -- \
        "$VENV_BIN/python" -m http.server "$DEMO_LISTS_PORT" --bind 127.0.0.1 --directory "$LISTS_DIR"
fi

registered=$("$VENV_BIN/harvest" -c "$INI" sources 2>/dev/null || true)
while IFS=$'\t' read -r department list_file; do
    if ! grep -q "^$department-list" <<<"$registered"; then
        "$VENV_BIN/harvest" -c "$INI" register "$department" "$LISTS_URL/$department/$list_file" \
            --frequency WEEKLY 2>>"$RUN_DIR/demo.log"
    fi
done < "$RUN_DIR/demo-lists.txt"

log "harvesting every department's list (deliberate defects are reported below)"
"$VENV_BIN/harvest" -c "$INI" run --all 2>>"$RUN_DIR/demo.log" || true

log "gap report (查缺补漏): responsibility list, city catalog, link check, report"
"$VENV_BIN/harvest" -c "$INI" import-responsibility "$LISTS_DIR/admin/责任清单.csv" 2>>"$RUN_DIR/demo.log"
"$VENV_BIN/harvest" -c "$INI" import-higher-level "$LISTS_DIR/admin/上级已开放目录.csv" 2>>"$RUN_DIR/demo.log"
"$VENV_BIN/harvest" -c "$INI" check-links 2>>"$RUN_DIR/demo.log" || true
"$VENV_BIN/harvest" -c "$INI" report --format html --output "$RUN_DIR/demo-gap-report.html" 2>>"$RUN_DIR/demo.log"

bash "$DEPLOY_DIR/scripts/ckan.sh" serve demo
cat <<MSG

  张店区公共数据开放平台 is running: http://127.0.0.1:$CKAN_PORT/
  Sysadmin login: $DEMO_ADMIN_USER / $DEMO_ADMIN_PASSWORD
  Demo lists: $LISTS_URL/   Harvest commands: .venv/bin/harvest -c $INI --help
  Gap report: http://127.0.0.1:$CKAN_PORT/report/   (file: $RUN_DIR/demo-gap-report.html)
  Logs: $RUN_DIR/*.log    Stop everything: make stop

MSG
