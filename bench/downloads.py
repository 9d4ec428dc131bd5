"""Download benchmark: a published CSV of N rows converted to CSV (UTF-8 with BOM), JSON and XLSX.

Times, each in a fresh child process forked from one parent (so every memory figure is that step's own):
(1) the baseline — parsing every row of the file once with ``csv.reader`` (what any conversion must at
least do), (2) the strict read that settles the encoding before a CSV or JSON download
(``conversions.encoding_of``; XLSX also measures the shape, ``conversions.profile``, inside its time), (3) each of the three conversions, consumed to the end as a client would.
Prints each time, the ratio to the baseline and the child's peak RSS above what it started with (CSV and
JSON are streamed, so they should not grow with the file; XLSX is written to disk by openpyxl's
write-only mode, once per version of the file — later requests are served from the cache).

    .venv/bin/python bench/downloads.py [--rows 200000] [--scale 1 5]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from ckanext.zhangdian.conversions import csv_chunks, encoding_of, json_chunks, write_xlsx

HEADER = ["统一社会信用代码", "单位名称", "所在街道", "地址", "联系电话", "成立日期", "注册资本（万元）", "行业", "状态",
          "备注"]
STREETS = ["车站街道", "公园街道", "和平街道", "科苑街道", "体育场街道", "杏园街道", "马尚街道", "南定镇", "中埠镇"]


def write_data(path: Path, rows: int, seed: int = 370303) -> None:
    """A department-style CSV as the harvester mirrors it (UTF-8 with BOM, Chinese text, codes)."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            writer.writerow([f"91370303MA{n:08d}", f"淄博市张店区第{n}号商贸有限公司", rng.choice(STREETS),
                             f"张店区{rng.choice(STREETS)}{rng.randint(1, 999)}号",
                             f"0533-{rng.randint(2000000, 2999999)}",
                             f"20{rng.randint(10, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                             f"{rng.randint(10, 5000)}.00", "批发和零售业", rng.choice(["存续", "注销"]), ""])


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def _timed_in_child(function) -> tuple[float, float]:
    """(seconds, MiB the child's peak RSS grew above its RSS at the start), measured in a forked child."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report, leave without running the parent's cleanup
        os.close(read_end)
        before = _rss_mib()
        started = time.perf_counter()
        function()
        elapsed = time.perf_counter() - started
        growth = max(0.0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before)
        os.write(write_end, json.dumps([elapsed, growth]).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        elapsed, growth = json.loads(answer.read())
    os.waitpid(pid, 0)
    return elapsed, growth


def _parse(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle))


def _drain(chunks) -> int:
    return sum(len(chunk) for chunk in chunks)


def run(rows: int, folder: Path) -> None:
    path = folder / f"data-{rows}.csv"
    write_data(path, rows)
    encoding = "utf-8-sig"
    baseline, base_growth = _timed_in_child(lambda: _parse(path))
    print(f"{rows:,} rows × {len(HEADER)} columns ({path.stat().st_size / 2**20:.0f} MiB)")
    print(f"  {'baseline (csv.reader, every row once)':<38} {baseline:6.2f} s  ratio  1.00  peak +{base_growth:5.1f} MiB")
    for name, convert in (("strict read (encoding_of)", lambda: encoding_of(str(path))),
                          ("CSV with BOM", lambda: _drain(csv_chunks(str(path), encoding))),
                          ("JSON", lambda: _drain(json_chunks(str(path), encoding))),
                          ("XLSX (first request)", lambda: write_xlsx(str(path), folder / "out.xlsx", "数据"))):
        seconds, growth = _timed_in_child(convert)
        print(f"  {name:<38} {seconds:6.2f} s  ratio {seconds / baseline:5.2f}  peak +{growth:5.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 5])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for scale in args.scale:
            run(args.rows * scale, Path(folder))


if __name__ == "__main__":
    main()
