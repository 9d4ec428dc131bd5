"""Builders of gap-report facts for the engine tests: a clean department, then one defect at a time."""

from __future__ import annotations

import dataclasses
import datetime

from ckanext.zhangdian.reports.engine import GapReport, compute_report
from ckanext.zhangdian.reports.facts import (
    DatasetFacts, Department, ListEntry, ReportInputs, ResourceFacts, ResponsibilityFacts)

TODAY = datetime.date(2026, 12, 4)
TRANSPORT = Department("org-jt", "zd-jtysj", "淄博市张店区交通运输局")
EDUCATION = Department("org-jy", "zd-jyj", "淄博市张店区教育和体育局")
FIELDS = ("线路名称", "起点站", "终点站", "首班时间", "末班时间")


def resource(number: int = 1, **changes) -> ResourceFacts:
    return dataclasses.replace(ResourceFacts(
        f"res-{number}", name="公交线路（CSV）", format="CSV", url="bus.csv", url_type="upload",
        mimetype="text/csv", size=2048, validation_status="valid", created="2026-11-20T08:00:00"), **changes)


def dataset(code: str = "370303-JT-0001", title: str = "公交线路信息", department: Department = TRANSPORT,
            **changes) -> DatasetFacts:
    """A dataset that deserves no finding on TODAY."""
    return dataclasses.replace(DatasetFacts(
        f"id-{code}", f"zd-{code.lower()}", title, department.id, resource_code=code,
        update_frequency="monthly", data_updated="2026-11-20", issued="2024-01-01",
        metadata_created="2024-01-01T00:00:00", metadata_modified="2026-11-20T08:00:00", theme="transport",
        spatial_code="370303", temporal_start="2024-01-01", tag_count=2, license_id="cc-by",
        contact_name="王工", contact_phone="0533-2180000", notes="全区公交线路。", field_names=FIELDS,
        resources=(resource(id=f"res-{code}"),)), **changes)


def entry(code: str = "370303-JT-0001", title: str = "公交线路信息", department: Department = TRANSPORT,
          **changes) -> ListEntry:
    return dataclasses.replace(ListEntry(department.id, code, title, row=3, first_listed="2026-06-01"),
                               **changes)


def required(title: str = "公交线路信息", code: str = "370303-JT-0001", department: Department = TRANSPORT,
             **changes) -> ResponsibilityFacts:
    return dataclasses.replace(ResponsibilityFacts(department.id, title, code, "责任清单（2026）",
                                                   "2026-03-01T00:00:00"), **changes)


def clean_inputs(**changes) -> ReportInputs:
    """Two departments that do everything right: listed, required, published, fresh, valid."""
    inputs = ReportInputs(
        today=TODAY, departments=(TRANSPORT, EDUCATION),
        datasets=(dataset(), dataset("370303-JY-0001", "学校名录", EDUCATION,
                                     field_names=("学校名称", "学段", "地址", "电话", "办学性质"))),
        list_entries=(entry(), entry("370303-JY-0001", "学校名录", EDUCATION)),
        responsibilities=(required(), required("学校名录", "370303-JY-0001", EDUCATION)),
        departments_with_list=frozenset({TRANSPORT.id, EDUCATION.id}))
    return dataclasses.replace(inputs, **changes)


def findings_of(inputs: ReportInputs) -> list[tuple[str, str, str]]:
    """(kind, department name, resource code) of every finding."""
    report: GapReport = compute_report(inputs)
    names = {d.id: d.name for d in inputs.departments}
    return sorted((f.kind, names[f.department], f.resource_code) for f in report.findings)
