"""Each finding kind from a small fixture whose findings are known exactly — and none on a clean one."""

from __future__ import annotations

import dataclasses

from report_facts import (
    EDUCATION, FIELDS, TODAY, TRANSPORT, clean_inputs, dataset, entry, findings_of, required, resource)

from ckanext.zhangdian.reports.engine import compute_report
from ckanext.zhangdian.reports.facts import HigherLevelFacts, LinkFacts


def _single(inputs, kind):
    report = compute_report(inputs)
    found = [f for f in report.findings if f.kind == kind]
    assert len(found) == 1, [f.as_dict() for f in report.findings]
    return found[0].as_dict()


def test_clean_departments_have_no_findings():
    assert findings_of(clean_inputs()) == []


def test_1_required_but_missing_from_the_list():
    inputs = clean_inputs(responsibilities=(*clean_inputs().responsibilities,
                                            required("公交站点信息", "370303-JT-0002"),
                                            required("公交线路", "")))  # matched by its normalised title
    assert findings_of(inputs) == [("missing_from_list", "zd-jtysj", "370303-JT-0002")]
    finding = _single(inputs, "missing_from_list")
    assert finding["since"] == "2026-03-01" and finding["basis"] == "责任清单（2026）"
    assert "open-data list" in finding["problem"]


def test_1_a_department_without_a_list_is_told_so():
    inputs = clean_inputs(datasets=clean_inputs().datasets[:1], list_entries=clean_inputs().list_entries[:1],
                          departments_with_list=frozenset({TRANSPORT.id}))
    assert findings_of(inputs) == [("missing_from_list", "zd-jyj", "370303-JY-0001")]
    assert "not registered an open-data list" in _single(inputs, "missing_from_list")["problem"]


def test_2_listed_but_not_published_without_data_or_failed_validation():
    base = clean_inputs()
    inputs = clean_inputs(
        list_entries=(*base.list_entries, entry("370303-JT-0009", "出租车企业", row=7)),
        datasets=(dataset(resources=()),  # published without a data file
                  dataset("370303-JY-0001", "学校名录", EDUCATION, field_names=("学校名称",),
                          resources=(resource(validation_status="blocked", format="HTML"),))))
    found = findings_of(inputs)
    assert [f for f in found if f[0] == "not_published"] == [
        ("not_published", "zd-jtysj", "370303-JT-0001"), ("not_published", "zd-jtysj", "370303-JT-0009"),
        ("not_published", "zd-jyj", "370303-JY-0001")]
    messages = {f.resource_code: f.as_dict() for f in compute_report(inputs).findings if f.kind == "not_published"}
    assert "(row 7)" in messages["370303-JT-0009"]["problem"] and messages["370303-JT-0009"]["since"] == "2026-06-01"
    assert "personal information" in messages["370303-JY-0001"]["problem"]
    assert "without a data file" in messages["370303-JT-0001"]["problem"]


def test_3_exception_without_basis_lapsed_and_unpublished_for_lack_of_basis():
    base = clean_inputs()
    inputs = clean_inputs(
        datasets=(dataset(open_attribute="conditional", open_conditions="实名申请", exception_reason="sensitive",
                          legal_basis="《个人信息保护法》第二十八条", review_date="2026-10-01"),
                  dataset("370303-JY-0001", "学校名录", EDUCATION, open_attribute="closed",
                          field_names=("学校名称", "学段", "地址", "电话", "办学性质"))),
        list_entries=(*base.list_entries, entry("370303-JT-0005", "违章停车", open_attribute="closed",
                                                policy_problem="无依据", row=9)))
    found = findings_of(inputs)
    assert [f for f in found if f[0] == "exception_basis"] == [
        ("exception_basis", "zd-jtysj", "370303-JT-0001"), ("exception_basis", "zd-jtysj", "370303-JT-0005"),
        ("exception_basis", "zd-jyj", "370303-JY-0001")]
    by_code = {f.resource_code: f.as_dict() for f in compute_report(inputs).findings if f.kind == "exception_basis"}
    assert by_code["370303-JT-0001"]["since"] == "2026-10-01" and "2026-10-01 has passed" in by_code["370303-JT-0001"]["problem"]
    assert "without a legal basis" in by_code["370303-JY-0001"]["problem"]
    assert "(row 9)" in by_code["370303-JT-0005"]["problem"]


def test_4_stale_by_frequency_with_tolerance():
    on_the_last_day = dataset(data_updated="2026-10-27")  # 27 Oct + 31 + 7 = 4 Dec: still on time
    inputs = clean_inputs(datasets=(on_the_last_day, clean_inputs().datasets[1]))
    assert findings_of(inputs) == []
    overdue = dataset(data_updated="2026-10-15")  # due 22 Nov → 12 days overdue
    inputs = clean_inputs(datasets=(overdue, clean_inputs().datasets[1]))
    assert findings_of(inputs) == [("stale", "zd-jtysj", "370303-JT-0001")]
    finding = _single(inputs, "stale")
    assert finding["overdue_days"] == "12" and finding["since"] == "2026-11-22"
    assert "每月" in finding["problem"] and "12 days overdue" in finding["problem"]


def test_4_irregular_datasets_are_not_checked_and_unknown_dates_are_reported():
    inputs = clean_inputs(datasets=(dataset(update_frequency="irregular", data_updated="2019-01-01"),
                                    dataset("370303-JY-0001", "学校名录", EDUCATION, data_updated="",
                                            resources=(resource(created="", last_modified=""),),
                                            field_names=("学校名称", "学段", "地址", "电话", "办学性质"))))
    assert findings_of(inputs) == [("stale", "zd-jyj", "370303-JY-0001")]


def test_5_metadata_incomplete_lists_what_is_missing():
    sparse = dataset(tag_count=0, theme="", spatial_code="", temporal_start="", license_id="", contact_name="",
                     issued="", field_names=())
    inputs = clean_inputs(datasets=(sparse, clean_inputs().datasets[1]))
    assert findings_of(inputs) == [("metadata_incomplete", "zd-jtysj", "370303-JT-0001")]
    finding = _single(inputs, "metadata_incomplete")
    assert finding["metadata_score"] == "53"  # 215 of 405 points
    for missing in ("keywords", "theme", "spatial coverage", "data dictionary", "licence", "contact point"):
        assert missing in finding["problem"]


def test_6_not_machine_readable_and_excel_only():
    inputs = clean_inputs(datasets=(dataset(resources=(resource(format="PDF", mimetype="application/pdf"),)),
                                    dataset("370303-JY-0001", "学校名录", EDUCATION,
                                            field_names=("学校名称", "学段", "地址", "电话", "办学性质"),
                                            resources=(resource(format="XLSX"),))))
    assert findings_of(inputs) == [("not_machine_readable", "zd-jtysj", "370303-JT-0001"),
                                   ("not_machine_readable", "zd-jyj", "370303-JY-0001")]
    problems = {f.resource_code: f.as_dict()["problem"] for f in compute_report(inputs).findings}
    assert "PDF" in problems["370303-JT-0001"] and "Excel" in problems["370303-JY-0001"]


def test_7_broken_source_link_and_missing_mirrored_file():
    inputs = clean_inputs(link_checks=(
        LinkFacts("res-370303-JT-0001", "source", "http://dept.example/bus.csv", False, "HTTP 404", "2026-11-30T02:00:00"),
        LinkFacts("res-370303-JT-0001", "file", "bus.csv", True, "OK")))
    assert findings_of(inputs) == [("broken_link", "zd-jtysj", "370303-JT-0001")]
    finding = _single(inputs, "broken_link")
    assert finding["since"] == "2026-11-30" and "HTTP 404" in finding["problem"]


def test_8_repeated_reporting_between_departments_names_the_authoritative_source():
    copy = dataset("370303-JY-0077", "张店区 公交线路", EDUCATION, metadata_created="2025-05-01T00:00:00")
    inputs = clean_inputs(datasets=(*clean_inputs().datasets, copy))
    assert findings_of(inputs) == [("repeated_reporting", "zd-jyj", "370303-JY-0077")]
    finding = _single(inputs, "repeated_reporting")
    assert finding["authoritative_department"] == "zd-jtysj" and "same title" in finding["problem"]


def test_8_field_sets_alike_and_higher_level_catalog():
    renamed = dataset("370303-JY-0078", "校车行驶路线", EDUCATION, field_names=(*FIELDS, "备注"),
                      metadata_created="2025-05-01T00:00:00")
    higher = HigherLevelFacts("city", "淄博市公共数据开放网", "学校名录", publisher="淄博市教育局",
                              url="https://data.zibo.example/school")
    inputs = clean_inputs(datasets=(*clean_inputs().datasets, renamed), higher_level=(higher,))
    assert findings_of(inputs) == [("repeated_reporting", "zd-jyj", "370303-JY-0001"),
                                   ("repeated_reporting", "zd-jyj", "370303-JY-0078")]
    problems = {f.resource_code: f.as_dict() for f in compute_report(inputs).findings}
    assert "fields alike: 83%" in problems["370303-JY-0078"]["problem"]
    assert "淄博市公共数据开放网" in problems["370303-JY-0001"]["problem"]
    assert problems["370303-JY-0001"]["higher_level_url"] == "https://data.zibo.example/school"


def test_indicators_and_ranking():
    inputs = clean_inputs(
        datasets=(dataset(data_updated="2026-10-15"), clean_inputs().datasets[1]),
        responsibilities=(*clean_inputs().responsibilities, required("公交站点信息", "370303-JT-0002")))
    report = compute_report(inputs)
    transport = report.department("zd-jtysj").indicators
    assert (transport.should_open, transport.opened, transport.open_rate) == (2, 1, 50.0)
    assert (transport.on_time_rate, transport.validation_pass_rate, transport.metadata_score) == (0.0, 100.0, 100.0)
    assert transport.findings["stale"] == 1 and transport.findings["missing_from_list"] == 1
    assert transport.index == round(0.4 * 50 + 0.2 * 0 + 0.2 * 100 + 0.2 * 100, 1)
    assert [d.department.name for d in report.departments] == ["zd-jyj", "zd-jtysj"]
    assert [d.rank for d in report.departments] == [1, 2]
    assert report.overall.should_open == 3 and report.overall.opened == 2


def test_valid_closed_exception_is_not_counted_as_should_open():
    closed = dataset(open_attribute="closed", exception_reason="sensitive", legal_basis="《个人信息保护法》",
                     review_date="2027-12-31", resources=())
    report = compute_report(clean_inputs(datasets=(closed, clean_inputs().datasets[1])))
    transport = report.department("zd-jtysj").indicators
    assert (transport.should_open, transport.exceptions, transport.exception_basis_rate) == (0, 1, 100.0)
    assert transport.open_rate is None
    assert report.findings == ()


def test_findings_translate_through_the_given_gettext():
    inputs = clean_inputs(datasets=(dataset(data_updated="2026-10-15"), clean_inputs().datasets[1]))
    catalogue = {"Should be updated {frequency}; {days} days overdue (last update {last}, {tolerance} days' grace).":
                 "应{frequency}更新，已逾期 {days} 天（上次更新 {last}，宽限 {tolerance} 天）。"}
    finding = compute_report(inputs).findings[0].as_dict(lambda text: catalogue.get(text, text))
    assert finding["problem"] == "应每月更新，已逾期 12 天（上次更新 2026-10-15，宽限 7 天）。"


def test_private_datasets_are_not_published():
    withdrawn = dataclasses.replace(clean_inputs().datasets[0], private=True)
    inputs = clean_inputs(datasets=(withdrawn, clean_inputs().datasets[1]))
    assert findings_of(inputs) == [("not_published", "zd-jtysj", "370303-JT-0001")]
    assert TODAY.isoformat() == compute_report(inputs).today


def test_8_common_field_names_alone_do_not_make_a_repeat():
    """序号/名称/地址/联系电话 appear everywhere; datasets sharing only those are different resources."""
    from ckanext.zhangdian.reports.facts import Department

    common = ("序号", "名称", "地址", "联系电话")
    departments = tuple(Department(f"org-{n}", f"zd-{n:02d}", f"第{n}局") for n in range(30))
    datasets = tuple(dataset(f"370303-X-{n:04d}", f"资源{n}", departments[n], field_names=(*common, f"专有{n}"))
                     for n in range(30))
    inputs = clean_inputs(departments=departments, datasets=datasets, list_entries=(), responsibilities=(),
                          departments_with_list=frozenset(d.id for d in departments))
    assert [f for f in findings_of(inputs) if f[0] == "repeated_reporting"] == []
