"""Benchmark: ``zd-validate`` (every check on) against plain ``frictionless validate`` on the same file.

Generates a CSV of ``--rows`` rows × 10 columns (Chinese text, credit codes, masked ID numbers, division
codes, dates, numbers, an enum, masked mobiles) with a few hundred injected type/constraint errors, then
runs, in one process invocation each::

    frictionless validate data.csv --schema schema.json --json
    zd-validate data.csv --schema schema.json --format json --output normalised.csv

and prints both wall times, both peak RSS (``wait4`` of the child) and the ratio. Finally it compares the
type/constraint/unique errors both tools report (type, row, column) — they must be identical.

Usage: ``.venv/bin/python bench/validate.py [--rows 1000000] [--workdir DIR]``. Not a test: run it by hand
and record the numbers in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stdnum.cn import ric, uscc

COMPARED_TYPES = {"type-error", "constraint-error", "unique-error"}
INDUSTRIES = ["制造业", "批发和零售业", "住宿和餐饮业", "建筑业", "信息传输、软件和信息技术服务业", "租赁和商务服务业"]
STREETS = ["370303001", "370303002", "370303003", "370303004", "370303005", "370303006", "370303007",
           "370303008", "370303009", "370303101", "370303102", "370303103", "370303104", "370303107"]
NAME_PARTS = ["张店", "淄博", "鲁中", "齐都", "华光", "金晶", "海月", "公园", "湖田", "马尚", "科苑", "和平"]
NAME_SUFFIXES = ["机械有限公司", "商贸有限公司", "餐饮服务中心", "建筑工程有限公司", "软件科技有限公司", "陶瓷厂"]
ERROR_EVERY = 2000

SCHEMA = {
    "fields": [
        {"name": "序号", "type": "integer", "constraints": {"required": True, "unique": True}},
        {"name": "单位名称", "type": "string", "constraints": {"required": True}},
        {"name": "统一社会信用代码", "type": "string", "cnFormat": "credit-code"},
        {"name": "法定代表人身份证号", "type": "string", "masked": True, "cnFormat": "resident-id"},
        {"name": "所在街道代码", "type": "string", "cnFormat": "division-code",
         "constraints": {"pattern": "\\d{9}"}},
        {"name": "成立日期", "type": "date"},
        {"name": "注册资本", "type": "number", "constraints": {"minimum": 0}},
        {"name": "从业人数", "type": "integer", "constraints": {"minimum": 0, "maximum": 100000}},
        {"name": "行业类别", "type": "string", "constraints": {"enum": INDUSTRIES}},
        {"name": "联系电话", "type": "string", "masked": True, "cnFormat": "mobile"},
    ]
}


def _credit_code(rng: random.Random) -> str:
    body = "91370303" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return body + uscc.calc_check_digit(body)


def _masked_id(rng: random.Random) -> str:
    body = f"370303{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return body[:6] + "********" + (body + ric.calc_check_digit(body + "0"))[-4:]


def _row(number: int, rng: random.Random) -> list[str]:
    row = [
        str(number),
        rng.choice(NAME_PARTS) + rng.choice(NAME_PARTS) + rng.choice(NAME_SUFFIXES),
        _credit_code(rng),
        _masked_id(rng),
        rng.choice(STREETS),
        f"{rng.randint(1985, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"{rng.randint(1, 500000) / 100:.2f}",
        str(rng.randint(0, 3000)),
        rng.choice(INDUSTRIES),
        f"1{rng.choice('3589')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}",
    ]
    if number % ERROR_EVERY == 0:
        kind = (number // ERROR_EVERY) % 5
        if kind == 0:
            row[7] = "十二"                      # type-error (integer)
        elif kind == 1:
            row[6] = "-5"                        # constraint-error (minimum)
        elif kind == 2:
            row[5] = "2021-02-30"                # type-error (date)
        elif kind == 3:
            row[8] = "采矿业"                     # constraint-error (enum)
        else:
            row[1] = ""                          # constraint-error (required)
    return row


def generate(path: Path, rows: int, seed: int = 20260101) -> None:
    import csv

    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([field["name"] for field in SCHEMA["fields"]])
        for number in range(1, rows + 1):
            writer.writerow(_row(number, rng))


def run(command: list[str], cwd: Path, stdout: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and exit code of one child process."""
    started = time.perf_counter()
    with stdout.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode


def findings(report_path: Path) -> set[tuple[str, int, int]]:
    report = json.loads(report_path.read_text(encoding="utf-8"))
    errors = [error for task in report.get("tasks", []) for error in task.get("errors", [])]
    return {(e["type"], e.get("rowNumber"), e.get("fieldNumber")) for e in errors if e["type"] in COMPARED_TYPES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=None, help="keep the files here (default: a temp dir)")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="zd-bench-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        data = workdir / "data.csv"
        started = time.perf_counter()
        generate(data, args.rows)
        (workdir / "schema.json").write_text(json.dumps(SCHEMA, ensure_ascii=False), encoding="utf-8")
        print(f"generated {args.rows:,} rows, {data.stat().st_size / 2**20:.0f} MB in "
              f"{time.perf_counter() - started:.1f} s")
        limit = str(args.rows)
        frictionless = run([str(bin_dir / "frictionless"), "validate", "data.csv", "--schema", "schema.json",
                            "--json", "--limit-errors", limit], workdir, workdir / "frictionless.json")
        ours = run([str(bin_dir / "zd-validate"), "data.csv", "--schema", "schema.json", "--format", "json",
                    "--limit-errors", limit, "--output", "normalised.csv"], workdir, workdir / "ours.json")
        for name, (wall, rss, code) in (("frictionless validate", frictionless), ("zd-validate", ours)):
            print(f"{name:22} wall {wall:7.1f} s   peak RSS {rss:6.0f} MB   exit {code}")
        print(f"ratio (zd-validate / frictionless): {ours[0] / frictionless[0]:.2f}")
        theirs_found, ours_found = findings(workdir / "frictionless.json"), findings(workdir / "ours.json")
        print(f"type/constraint/unique errors: frictionless {len(theirs_found)}, zd-validate {len(ours_found)}, "
              f"identical: {theirs_found == ours_found}")
        for label, difference in (("only frictionless", theirs_found - ours_found),
                                  ("only zd-validate", ours_found - theirs_found)):
            if difference:
                print(f"  {label}: {sorted(difference)[:10]}")
        return 0 if theirs_found == ours_found else 1


if __name__ == "__main__":
    sys.exit(main())
