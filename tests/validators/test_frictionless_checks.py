"""Item 2: our checks are real frictionless Check classes, and our reports are standard frictionless
reports — the same findings whether frictionless runs the checks or our streaming engine does."""

from __future__ import annotations

import frictionless
import pytest

from zhangdian_validators import checklist, validate

SCHEMA = {"fields": [
    {"name": "单位名称"}, {"name": "统一社会信用代码", "cnFormat": "credit-code"},
    {"name": "法人身份证号", "masked": True}, {"name": "区划代码", "cnFormat": "division-code"},
    {"name": "手机", "cnFormat": "mobile"}, {"name": "成立日期", "type": "date"}, {"name": "备注"},
]}
ROWS = [
    [f["name"] for f in SCHEMA["fields"]],
    ["淄博某公司", "91110000600037341L", "370303********1239", "370303", "138****8000", "2001-05-01", ""],
    ["张店某中心", "91110000600037341A", "370303199001011230", "370399", "1380013800", "2181-02-06", "=HYPERLINK(\"http://x\")"],
    ["合计", "", "", "", "", "", ""],
    ["0", "0", "0", "", "", "", "0"],
    ["某站", "", "", "", "", "三季度", "电话 13800138000"],
]
OUR_TYPES = {"cn-credit-code", "cn-resident-id", "cn-division-code", "cn-mobile", "cn-impossible-year",
             "cn-period-without-year", "personal-information", "totals-row", "junk-row", "formula-injection"}


@pytest.fixture
def department_file(write_csv):
    return write_csv(ROWS, name="单位名录.csv")


def _found(errors) -> list[tuple]:
    return sorted((e.type, e.row_number, getattr(e, "field_number", 0)) for e in errors if e.type in OUR_TYPES)


EXPECTED = [  # row 5 is a junk row; its zeros are not valid codes either
    ("cn-credit-code", 3, 2), ("cn-credit-code", 5, 2), ("cn-division-code", 3, 4), ("cn-impossible-year", 3, 6),
    ("cn-mobile", 3, 5), ("cn-period-without-year", 6, 6), ("cn-resident-id", 3, 3), ("cn-resident-id", 5, 3), ("formula-injection", 3, 7),
    ("junk-row", 5, 0), ("personal-information", 6, 7), ("totals-row", 4, 0),
]


def test_frictionless_validate_with_our_checklist_reports_our_error_types(department_file):
    report = frictionless.validate(department_file.name, schema=frictionless.Schema.from_descriptor(SCHEMA),
                                   checklist=checklist(SCHEMA), basepath=str(department_file.parent))
    assert _found(report.tasks[0].errors) == EXPECTED


def test_our_engine_reports_the_same_findings(department_file):
    assert _found(validate(department_file, SCHEMA).errors) == EXPECTED


def test_checklist_descriptor_round_trips_through_frictionless(department_file):
    descriptor = checklist(SCHEMA).to_descriptor()
    assert {"type": "cn-resident-id", "fieldName": "法人身份证号", "masked": True} in descriptor["checks"]
    report = frictionless.validate(department_file.name, checklist=frictionless.Checklist.from_descriptor(descriptor),
                                   basepath=str(department_file.parent))
    assert ("cn-resident-id", 3, 3) in _found(report.tasks[0].errors)


def test_our_report_is_a_standard_frictionless_report(department_file):
    report = validate(department_file, SCHEMA).report
    descriptor = report.to_descriptor()
    assert descriptor["valid"] is False
    assert descriptor["tasks"][0]["place"] == "单位名录.csv"
    reloaded = frictionless.Report.from_descriptor(descriptor)
    assert _found(reloaded.tasks[0].errors) == EXPECTED
    assert [e.type for e in reloaded.tasks[0].errors] == [e.type for e in report.tasks[0].errors]


def test_error_limit_keeps_the_counts_true(write_csv):
    result = validate(write_csv([["数量"]] + [["十"]] * 30), {"fields": [{"name": "数量", "type": "integer"}]},
                      limit_errors=10)
    assert result.counts == {"type-error": 30}
    assert len(result.errors) == 10
    assert result.report.valid is False
    assert result.report.tasks[0].warnings == ["共发现 30 处错误，报告只列出前 10 处"]
