"""Building blocks of the harvest tests: department lists on a real local HTTP server."""

from __future__ import annotations

import csv
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ckan.tests import helpers

HEADERS = ["信息资源代码", "信息资源名称", "信息资源摘要", "主题分类", "开放属性", "开放条件", "不予开放依据类型",
           "法律法规依据", "更新周期", "数据更新时间", "信息项", "数据文件"]
ITEMS = "line|线路|字符型；length|线路长度|数值型|千米"
GOOD_DATA = "line,length\n1路,12.5\n2路,8\n"


def list_row(number: int, **changes: str) -> dict[str, str]:
    row = {"信息资源代码": f"370303-hv-{number:04d}", "信息资源名称": f"张店区公交线路信息{number}",
           "信息资源摘要": "公交线路与长度。", "主题分类": "交通运输", "开放属性": "无条件开放",
           "更新周期": "每月", "数据更新时间": "2026-11-01", "信息项": ITEMS, "数据文件": f"data{number}.csv"}
    row.update(changes)
    return row


class ListServer:
    """A department's web server: a folder served over HTTP on 127.0.0.1."""

    def __init__(self, folder: Path):
        self.folder = folder
        handler = functools.partial(SimpleHTTPRequestHandler, directory=str(folder))
        handler.log_message = lambda *args: None
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def write_list(self, rows: list[dict[str, str]], name: str = "清单.csv",
                   headers: list[str] | None = None) -> str:
        headers = headers or HEADERS
        with open(self.folder / name, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows([[row.get(h, "") for h in headers] for row in rows])
        return f"{self.url}/{name}"

    def write_file(self, name: str, content: str, encoding: str = "utf-8") -> None:
        (self.folder / name).write_bytes(content.encode(encoding))

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def list_server(tmp_path):
    server = ListServer(tmp_path)
    yield server
    server.close()


def register_source(sysadmin: dict, org: dict, url: str, name: str = "jt-list") -> dict:
    return helpers.call_action("harvest_source_create", context={"user": sysadmin["name"]},
                               name=name, title="交通运输局数据开放清单", url=url,
                               source_type="zhangdian_list", owner_org=org["id"])


def catalog_snapshot(source_id: str) -> list[tuple]:
    """What a user sees of a source's datasets, without ids and timestamps."""
    result = helpers.call_action("package_search", fq=f'harvest_source:"{source_id}"', rows=1000,
                                 include_private=True, context={"ignore_auth": True})
    snapshot = []
    for dataset in sorted(result["results"], key=lambda d: d["name"]):
        resources = tuple(sorted((r["name"], r["format"], r.get("content_hash"), r.get("validation_status"))
                                 for r in dataset["resources"]))
        snapshot.append((dataset["name"], dataset["title"], dataset["open_attribute"], dataset["private"],
                         dataset.get("withdrawn_reason") or "", dataset["harvest_fingerprint"], resources))
    return snapshot
