"""Harvest benchmark: a generated list of N datasets (each a 1,000-row CSV) against the real stack.

Times, in one process: (1) the first harvest, (2) an unchanged re-harvest, (3) the raw baseline —
``ckanapi`` package_create + resource upload of the same datasets — and prints the ratios.
Targets: first harvest ≤ 1.3 × raw; unchanged re-harvest ≥ 20 × faster than the first.

    .venv/bin/python bench/harvest.py [-n 1000] [--rows 1000] [--config .run/test.ini]

Uses the test profile's database and Solr core (run it when `make test` is not running); everything it
creates is purged at the end.
"""

from __future__ import annotations

import argparse
import csv
import functools
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HEADERS = ["信息资源代码", "信息资源名称", "主题分类", "开放属性", "更新周期", "信息项", "数据文件"]
ITEMS = "id|编号|整数型；street|街道|字符型；amount|金额|数值型|万元；day|日期|日期型"


def write_corpus(folder: Path, count: int, rows: int, prefix: str) -> None:
    with open(folder / "清单.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(count):
            writer.writerow([f"370303-{prefix}-{n:05d}", f"基准测试数据集{n}", "综合政务", "无条件开放", "每月", ITEMS,
                             f"d{n}.csv"])
    for n in range(count):
        with open(folder / f"d{n}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "street", "amount", "day"])
            writer.writerows([i, "车站街道", f"{i * 1.5:.1f}", f"2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}"]
                             for i in range(rows))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def raw_publish(ckan, folder: Path, count: int, org_id: str) -> None:
    """The baseline: what a script would do by hand with ckanapi — create, then upload the file."""
    for n in range(count):
        dataset = ckan.action.package_create(
            name=f"zd-raw-{n:05d}", title=f"基准测试数据集{n}", owner_org=org_id, resource_code=f"370303-RAW-{n:05d}",
            theme="government", update_frequency="monthly")
        with open(folder / f"d{n}.csv", "rb") as upload:
            ckan.action.resource_create(package_id=dataset["id"], upload=upload, name=f"d{n}", format="CSV")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--datasets", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--config", default=".run/test.ini")
    args = parser.parse_args()

    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(args.config))
    with app._wsgi_app.test_request_context():
        run(args)


def run(args) -> None:
    from ckanapi import LocalCKAN

    from ckanext.zhangdian import harvest_runs

    ckan = LocalCKAN()
    org = ckan.action.organization_create(name="zd-bench", title="基准测试部门")
    with tempfile.TemporaryDirectory() as harvested, tempfile.TemporaryDirectory() as raw:
        write_corpus(Path(harvested), args.datasets, args.rows, "BH")
        write_corpus(Path(raw), args.datasets, args.rows, "RAW")
        base = serve(Path(harvested))
        source = ckan.action.harvest_source_create(name="zd-bench-list", title="基准测试清单", url=f"{base}/清单.csv",
                                                   source_type="zhangdian_list", owner_org=org["id"])
        try:
            timings = {}
            started = time.perf_counter()
            first = harvest_runs.run_source(source["id"])
            timings["first"] = time.perf_counter() - started
            started = time.perf_counter()
            again = harvest_runs.run_source(source["id"])
            timings["unchanged"] = time.perf_counter() - started
            started = time.perf_counter()
            raw_publish(ckan, Path(raw), args.datasets, org["id"])
            timings["raw"] = time.perf_counter() - started
        finally:
            for name in [d["name"] for d in ckan.action.package_search(fq=f"owner_org:{org['id']}", rows=10000,
                                                                       include_private=True)["results"]]:
                ckan.action.dataset_purge(id=name)
            ckan.action.harvest_source_clear(id=source["id"])
            ckan.action.dataset_purge(id=source["id"])
            ckan.action.organization_purge(id=org["id"])
    print(f"datasets: {args.datasets} × {args.rows} rows")
    print(f"first harvest:      {timings['first']:8.1f} s   {first.counts}")
    print(f"unchanged harvest:  {timings['unchanged']:8.1f} s   {again.counts}")
    print(f"raw ckanapi create: {timings['raw']:8.1f} s")
    print(f"first / raw            = {timings['first'] / timings['raw']:.2f}  (target ≤ 1.3)")
    print(f"first / unchanged      = {timings['first'] / timings['unchanged']:.1f}  (target ≥ 20)")


if __name__ == "__main__":
    main()
