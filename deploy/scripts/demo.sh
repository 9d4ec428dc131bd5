#!/usr/bin/env bash
# `make demo`: CKAN on the demo profile with demo content, then where to find it.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bash "$DEPLOY_DIR/scripts/ckan.sh" setup demo
log "loading demo data (labelled 【演示数据】)"
"$VENV_BIN/ckan" -c "$RUN_DIR/ckan.ini" zhangdian demo-data 2>>"$RUN_DIR/demo-data.log"
bash "$DEPLOY_DIR/scripts/ckan.sh" serve demo
cat <<MSG

  张店区公共数据开放平台 is running: http://127.0.0.1:$CKAN_PORT/
  Sysadmin login: $DEMO_ADMIN_USER / $DEMO_ADMIN_PASSWORD
  Logs: $RUN_DIR/*.log    Stop everything: make stop

MSG
