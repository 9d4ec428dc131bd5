"""The real ckanapi command-line client talks to a running CKAN web server of ours."""

import json
import subprocess
import sys
from pathlib import Path


def test_ckanapi_status_show_reports_ckan_212_with_our_plugins(ckan_server_url):
    ckanapi = Path(sys.executable).with_name("ckanapi")

    completed = subprocess.run(
        [str(ckanapi), "action", "status_show", "-r", ckan_server_url],
        check=True, capture_output=True, text=True, timeout=120,
    )

    status = json.loads(completed.stdout)
    assert status["ckan_version"] == "2.12.0"
    assert {"zhangdian", "harvest", "activity"} <= set(status["extensions"])
    assert status["locale_default"] == "zh_Hans_CN"
