"""The gap report as data (JSON-ready dicts) and as downloads: XLSX (one sheet per finding kind, Chinese
headers, frozen header row), CSV (all findings, UTF-8 with BOM for Excel) and JSON."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ckanext.zhangdian.reports.engine import DepartmentReport, GapReport
from ckanext.zhangdian.reports.findings import KINDS, Gettext, identity

FINDING_COLUMNS = (  # (key in Finding.as_dict, header msgid)
    ("department_title", "Department"), ("resource_code", "Resource code"), ("resource_title", "Resource"),
    ("kind_label", "Finding"), ("problem", "What is wrong"), ("action", "What to do"), ("since", "Since"),
)
INDICATOR_COLUMNS = (  # (indicator key, header msgid)
    ("rank", "Rank"), ("department_title", "Department"), ("datasets", "Number of datasets"),
    ("open_rate", "Open rate (%)"), ("on_time_rate", "On-time update rate (%)"),
    ("validation_pass_rate", "Validation pass rate (%)"), ("metadata_score", "Average metadata score"),
    ("exceptions", "Exceptions"), ("exception_basis_rate", "Exceptions with valid basis (%)"),
    ("finding_count", "Findings"), ("index", "Openness index"),
)


def department_dict(report: DepartmentReport, gettext: Gettext = identity, with_findings: bool = False) -> dict:
    data = {"name": report.department.name, "title": report.department.title, "rank": report.rank,
            "indicators": report.indicators.as_dict()}
    if with_findings:
        data["findings"] = [dict(finding.as_dict(gettext), department_title=report.department.title)
                            for finding in report.findings]
    return data


def report_dict(report: GapReport, gettext: Gettext = identity, *, with_findings: bool = False,
                department: str | None = None) -> dict:
    """The report as a JSON-ready dict: indicators for the district and each department (ranking order),
    findings only when asked (they are for the departments and administrators)."""
    departments = [d for d in report.departments if department in (None, d.department.name, d.department.id)]
    return {
        "date": report.today,
        "finding_kinds": [{"code": kind.code, "number": kind.number, "label": gettext(kind.label),
                           "description": gettext(kind.description)} for kind in KINDS],
        "overall": report.overall.as_dict(),
        "department_count": len(report.departments),
        "departments": [department_dict(d, gettext, with_findings) for d in departments],
    }


def finding_rows(data: dict) -> list[dict]:
    """Every finding of a report dict, department by department (ranking order)."""
    return [finding for department in data["departments"] for finding in department.get("findings", [])]


def _indicator_row(department: dict) -> dict:
    return {"rank": department["rank"], "department_title": department["title"], **department["indicators"]}


def to_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def to_csv(data: dict, gettext: Gettext = identity) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([gettext(header) for _, header in FINDING_COLUMNS])
    for finding in finding_rows(data):
        writer.writerow([finding.get(key, "") for key, _ in FINDING_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list], widths: list[int]) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(["" if value is None else value for value in row])
    for cell, width in zip(sheet[1], widths):
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def to_xlsx(data: dict, gettext: Gettext = identity) -> bytes:
    """Sheet 1: indicators and ranking; then one sheet per finding kind (present even when empty, so
    a department sees "0" explicitly)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, gettext("Indicators"), [gettext(h) for _, h in INDICATOR_COLUMNS],
           [[_indicator_row(d).get(key) for key, _ in INDICATOR_COLUMNS] for d in data["departments"]],
           [6, 30] + [14] * (len(INDICATOR_COLUMNS) - 2))
    findings = finding_rows(data)
    for kind in data["finding_kinds"]:
        rows = [[finding.get(key, "") for key, _ in FINDING_COLUMNS]
                for finding in findings if finding["kind"] == kind["code"]]
        _sheet(workbook, f"{kind['number']} {kind['label']}", [gettext(h) for _, h in FINDING_COLUMNS],
               rows, [28, 20, 30, 16, 60, 60, 12])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


FORMATS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
    "csv": ("text/csv; charset=utf-8", to_csv),
    "json": ("application/json; charset=utf-8", lambda data, gettext=identity: to_json(data)),
}
