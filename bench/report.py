"""Gap-report benchmark: the report engine over generated facts of D departments × N datasets.

Times, in one process: (1) the baseline — one pass that serialises every input fact (what any report
must at least read), (2) ``compute_report`` (all eight rules, indicators, ranking), (3) the XLSX
download of every finding; prints each time, the ratio to the baseline and the peak memory.
Target: report < 5 s for 50 departments × 5,000 datasets.

    .venv/bin/python bench/report.py [--departments 50] [--datasets 5000] [--scale 1 10]

Pure Python over the engine's inputs (``ckanext.zhangdian.reports.facts``); reading the facts from
PostgreSQL (``reports.gather``) is not part of it (see docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import random
import time
import resource

from ckanext.zhangdian.reports import export
from ckanext.zhangdian.reports.engine import compute_report
from ckanext.zhangdian.reports.facts import (
    DatasetFacts, Department, HigherLevelFacts, LinkFacts, ListEntry, ReportInputs, ResourceFacts,
    ResponsibilityFacts)

TODAY = datetime.date(2026, 12, 4)
WORDS = ["公交", "线路", "学校", "医院", "养老", "企业", "许可", "道路", "站点", "河道", "农田", "价格", "人口", "税收",
         "水质", "空气", "停车", "路灯", "公园", "图书馆", "菜市场", "社区", "街道", "窗口"]
COMMON_FIELDS = ["序号", "名称", "地址", "联系电话", "统一社会信用代码", "街道", "日期", "备注", "经度", "纬度",
                 "负责人", "类型", "状态", "面积", "数量"]
FREQUENCIES = ["daily", "weekly", "monthly", "quarterly", "annual", "irregular"]
FORMATS = ["CSV", "CSV", "CSV", "JSON", "XLSX", "PDF"]


def _field_names(rng: random.Random, copy_of: tuple[str, ...] | None) -> tuple[str, ...]:
    """A few common fields plus specific ones with a heavy-tailed (Pareto) distribution, as in real
    catalogs; ``copy_of``: another dataset's fields with one renamed (a re-reported resource)."""
    if copy_of:
        return (*copy_of[:-1], f"{copy_of[-1]}（新）")
    specific = {f"指标{int(rng.paretovariate(0.5)) % 20000}" for _ in range(rng.randint(2, 10))}
    return tuple(rng.sample(COMMON_FIELDS, rng.randint(1, 4))) + tuple(sorted(specific))


def generate(departments: int, datasets: int, seed: int = 370303) -> ReportInputs:
    """Realistic-looking facts with a share of every defect (and duplicates across departments)."""
    rng = random.Random(seed)
    depts = tuple(Department(f"org-{d}", f"zd-dept-{d:02d}", f"张店区第{d}局") for d in range(departments))
    facts, entries, required, links = [], [], [], []
    for n in range(datasets):
        dept = depts[n % departments]
        code = f"370303-{n % departments:02d}-{n:06d}"
        title = "张店区" + "".join(rng.sample(WORDS, 3)) + ("信息" if n % 2 else "名录")
        if n % 97 == 0:  # the same resource registered by another department
            title = facts[n - 50].title if n >= 50 else title
        fields = _field_names(rng, facts[n - 40].field_names if n % 89 == 0 and n >= 40 else None)
        resources = tuple(ResourceFacts(
            f"r-{n}-{k}", f"文件{k}", rng.choice(FORMATS), f"https://dept.example/{n}/{k}.csv", "upload", "",
            rng.randint(0, 10_000), "valid" if rng.random() > 0.05 else "invalid", "2026-01-05T00:00:00")
            for k in range(rng.randint(0, 2)))
        attribute = rng.choices(["unconditional", "conditional", "closed"], [90, 6, 4])[0]
        exception = attribute != "unconditional"
        facts.append(DatasetFacts(
            f"id-{n}", f"zd-{n}", title, dept.id, resource_code=code, open_attribute=attribute,
            exception_reason="sensitive" if exception and rng.random() > 0.2 else "",
            legal_basis="《个人信息保护法》" if exception and rng.random() > 0.2 else "",
            open_conditions="实名申请" if attribute == "conditional" else "",
            review_date=rng.choice(["", "2026-06-30", "2027-12-31"]), update_frequency=rng.choice(FREQUENCIES),
            data_updated=(TODAY - datetime.timedelta(days=rng.randint(0, 800))).isoformat(), issued="2024-01-01",
            metadata_created="2024-01-01T00:00:00", metadata_modified="2026-11-01T00:00:00",
            theme="transport" if rng.random() > 0.1 else "", spatial_code="370303",
            temporal_start="2024-01-01" if rng.random() > 0.3 else "", tag_count=rng.randint(0, 4),
            license_id="cc-by" if rng.random() > 0.3 else "", contact_name="张工", contact_phone="0533-2180000",
            notes="说明", field_names=fields, resources=resources, private=rng.random() < 0.02))
        entries.append(ListEntry(dept.id, code, title, attribute, n + 2,
                                 "无依据" if rng.random() < 0.01 else "", "2026-03-01"))
        if rng.random() < 0.03:
            entries.append(ListEntry(dept.id, code + "-x", title + "补充", "unconditional", n + 3, "", "2026-03-01"))
        if rng.random() < 0.3:
            required.append(ResponsibilityFacts(dept.id, title, code, "责任清单", "2026-01-01T00:00:00"))
        if rng.random() < 0.02:
            required.append(ResponsibilityFacts(dept.id, title + "（新增）", "", "责任清单", "2026-01-01T00:00:00"))
        links += [LinkFacts(r.id, "source", r.url, rng.random() > 0.02, "HTTP 404", "2026-11-01T00:00:00")
                  for r in resources]
    higher = tuple(HigherLevelFacts("city", "淄博市公共数据开放网", facts[n].title.replace("张店区", "淄博市"),
                                    field_names=facts[n].field_names) for n in range(0, datasets, 25))
    return ReportInputs(TODAY, depts, tuple(facts), tuple(entries), tuple(required), higher, tuple(links),
                        frozenset(d.id for d in depts))


def _timed(function):
    """(result, seconds, MiB the process grew to above what it held before) — RSS, not tracemalloc,
    which would slow the measured code down."""
    before = _rss_mib()
    started = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - started
    return result, elapsed, max(0.0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before)


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def run(departments: int, datasets: int) -> None:
    inputs = generate(departments, datasets)
    _, baseline, _ = _timed(lambda: json.dumps(dataclasses.asdict(inputs), default=str, ensure_ascii=False))
    report, compute, peak = _timed(lambda: compute_report(inputs))
    data = export.report_dict(report, with_findings=True)
    _, xlsx, _ = _timed(lambda: export.to_xlsx(data))
    print(f"{departments} departments × {datasets} datasets: {len(report.findings)} findings")
    print(f"  baseline (serialise every fact once) {baseline:6.2f} s")
    print(f"  compute_report                      {compute:6.2f} s  ratio {compute / baseline:4.2f}  "
          f"peak +{peak:5.1f} MiB  target < 5 s: {'met' if compute < 5 else 'MISSED'}")
    print(f"  XLSX of every finding               {xlsx:6.2f} s  ratio {xlsx / baseline:4.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--datasets", type=int, default=5000)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10])
    args = parser.parse_args()
    for scale in args.scale:
        run(args.departments, args.datasets * scale)


if __name__ == "__main__":
    main()
