"""``compute_report``: facts in, findings + indicators + ranking out. Pure and CKAN-free."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ckanext.zhangdian.reports.context import ReportContext, Settings
from ckanext.zhangdian.reports.facts import Department, ReportInputs
from ckanext.zhangdian.reports.findings import KIND_BY_CODE, Finding
from ckanext.zhangdian.reports.indicators import Indicators, department_indicators
from ckanext.zhangdian.reports.rules import RULES


@dataclass(frozen=True)
class DepartmentReport:
    department: Department
    indicators: Indicators
    findings: tuple[Finding, ...]
    rank: int | None = None


@dataclass(frozen=True)
class GapReport:
    today: str
    departments: tuple[DepartmentReport, ...]  # ranking order: best index first, unranked last
    overall: Indicators

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(finding for department in self.departments for finding in department.findings)

    def department(self, id_or_name: str) -> DepartmentReport | None:
        return next((d for d in self.departments if id_or_name in (d.department.id, d.department.name)), None)


def compute_report(inputs: ReportInputs, settings: Settings = Settings()) -> GapReport:
    context = ReportContext(inputs, settings)
    by_department: dict[str, list[Finding]] = defaultdict(list)
    for rule in RULES.values():
        for finding in rule(context):
            by_department[finding.department].append(finding)
    reports = []
    overall = Indicators()
    for department in inputs.departments:
        findings = sorted(by_department.get(department.id, []), key=lambda f: (
            KIND_BY_CODE[f.kind].number, f.resource_code, f.resource_title, f.problem.msgid))
        indicators = department_indicators(context, department.id, findings)
        overall.add(indicators)
        reports.append((department, indicators, tuple(findings)))
    ranked = sorted(reports, key=lambda r: (r[1].index is None, -(r[1].index or 0), r[0].name))
    departments = tuple(DepartmentReport(department, indicators, findings,
                                         rank=position if indicators.index is not None else None)
                        for position, (department, indicators, findings) in enumerate(ranked, start=1))
    return GapReport(inputs.today.isoformat(), departments, overall)
