"""The gap report on the real portal: facts read from PostgreSQL after a real harvest, imports, link
checks, who sees what, the pages, the downloads and ``harvest report``."""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from ckan.lib.uploader import get_resource_uploader
from ckan.tests import factories, helpers
from openpyxl import load_workbook
from werkzeug.datastructures import FileStorage

from ckanext.zhangdian import clock, harvest_runs
from harvest_fixtures import GOOD_DATA, list_row, list_server, register_source  # noqa: F401
from portal_fixtures import create_dataset

pytestmark = pytest.mark.usefixtures("clean_portal")
BASIS = {"不予开放依据类型": "涉及敏感信息", "法律法规依据": "《中华人民共和国个人信息保护法》第二十八条"}


def _findings(user: str | None = None, **params) -> list[tuple[str, str]]:
    context = {"user": user} if user else {"ignore_auth": True}
    found = helpers.call_action("zhangdian_gap_finding_list", context=context, **params)
    return sorted((f["kind"], f["resource_code"]) for f in found)


@pytest.fixture
def harvested(sysadmin, department, list_server):
    """A department list harvested for real: row 1 published, row 4 closed without basis (not published)."""
    url = list_server.write_list([list_row(1), list_row(4, 开放属性="不予开放")])
    list_server.write_file("data1.csv", GOOD_DATA)
    source = register_source(sysadmin, department["org"], url)
    report = harvest_runs.run_source(source["name"])
    assert report.counts["created"] == 1
    return source


def test_findings_come_from_the_harvested_list_the_catalog_and_the_responsibility_list(
        sysadmin, department, harvested):
    helpers.call_action("zhangdian_responsibility_item_create", context={"user": sysadmin["name"]},
                        organization_id=department["org"]["name"], title="出租车企业名录",
                        resource_code="370303-hv-0009", basis="张店区公共数据开放责任清单")
    other = helpers.call_action("organization_create", context={"user": sysadmin["name"]}, name="zd-jyj",
                                title="淄博市张店区教育和体育局")
    create_dataset(sysadmin, other["id"], name="zd-bus-copy", title="公交线路信息1", resource_code="370303-JY-0001")

    assert _findings(department=department["org"]["name"]) == [
        ("exception_basis", "370303-hv-0004"), ("missing_from_list", "370303-hv-0009")]
    assert ("repeated_reporting", "370303-JY-0001") in _findings(department="zd-jyj")

    shown = helpers.call_action("zhangdian_gap_report_show", context={"ignore_auth": True})
    transport = next(d for d in shown["departments"] if d["name"] == department["org"]["name"])
    assert transport["indicators"]["should_open"] == 3  # row 1, row 4 (no valid basis), the required item
    assert transport["indicators"]["opened"] == 1
    assert transport["indicators"]["validation_pass_rate"] == 100.0
    assert "findings" not in transport


def test_broken_source_links_and_missing_mirrored_files(sysadmin, department, harvested, list_server):
    dataset = helpers.call_action("package_show", context={"ignore_auth": True}, id="zd-370303-hv-0001")
    resource = dataset["resources"][0]
    assert helpers.call_action("zhangdian_link_check_run", context={"user": sysadmin["name"]}) == \
        {"checked": 2, "broken": 0}

    (list_server.folder / "data1.csv").unlink()
    Path(get_resource_uploader(resource).get_path(resource["id"])).unlink()
    assert helpers.call_action("zhangdian_link_check_run", context={"user": sysadmin["name"]}) == \
        {"checked": 2, "broken": 2}

    found = helpers.call_action("zhangdian_gap_finding_list", context={"ignore_auth": True},
                                department=department["org"]["name"], kind="broken_link")
    assert sorted(f["problem"][:6] for f in found) and len(found) == 2
    assert any("404" in f["problem"] and "data1.csv" in f["problem"] for f in found)
    assert all(f["since"] == datetime.date.today().isoformat() for f in found)


def test_findings_are_for_the_department_and_administrators(sysadmin, department, harvested, app):
    outsider = factories.User()
    name = department["org"]["name"]
    assert _findings(department["editor"]["name"], department=name)
    for user, data in ((None, {"department": name}), (outsider["name"], {"department": name}),
                       (department["editor"]["name"], {})):
        with pytest.raises(helpers.logic.NotAuthorized):
            helpers.call_action("zhangdian_gap_finding_list", context={"user": user or "", "ignore_auth": False},
                                **data)
    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action("zhangdian_gap_report_show", context={"user": "", "ignore_auth": False},
                            with_findings=True)
    public = helpers.call_action("zhangdian_gap_report_show", context={"user": "", "ignore_auth": False})
    assert public["departments"] and all("findings" not in d for d in public["departments"])

    assert app.get(f"/report/department/{name}", status=403)
    page = app.get(f"/report/department/{name}", headers={"Authorization": department["editor"]["token"]},
                   status=200)
    assert "370303-hv-0004" in page.body and "法律法规依据" in page.body


def test_public_summary_page_with_charts(app, harvested):
    page = app.get("/report/", status=200)
    assert "查缺补漏" in page.body
    assert page.body.count("<svg") == 3 and 'role="img"' in page.body
    assert "淄博市张店区交通运输局" in page.body
    assert "370303-hv-0004" not in page.body  # findings are not public


def test_xlsx_download_has_a_sheet_per_finding_kind_with_chinese_frozen_headers(app, sysadmin, harvested):
    response = app.get("/report/download.xlsx", headers={"Authorization": sysadmin["token"]}, status=200)
    workbook = load_workbook(io.BytesIO(response.get_data()))
    assert workbook.sheetnames[0] == "指标"
    assert len(workbook.sheetnames) == 9
    sheet = workbook[next(name for name in workbook.sheetnames if name.startswith("3 "))]
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]][:4] == ["部门", "信息资源代码", "信息资源", "问题类型"]
    assert sheet["B2"].value == "370303-hv-0004"

    anonymous = app.get("/report/download.csv", status=200).get_data()
    assert anonymous.startswith("\ufeff".encode()) and b"370303-hv-0004" not in anonymous


def test_imports_are_all_or_nothing_and_replace(app, sysadmin, department):
    def upload(text: str) -> FileStorage:
        return FileStorage(io.BytesIO(text.encode("utf-8-sig")), filename="责任清单.csv")

    context = {"user": sysadmin["name"]}
    good = "责任部门,信息资源名称,信息资源代码\n淄博市张店区交通运输局,公交线路信息,370303-JT-0001\n"
    bad = good + "不存在的局,路灯,\n淄博市张店区交通运输局,,\n"
    refused = app.post("/api/3/action/zhangdian_responsibility_list_import", data={"upload": upload(bad)},
                       headers={"Authorization": sysadmin["token"]}, content_type="multipart/form-data", status=409)
    assert refused.json["error"]["upload"] == [
        "第3行：找不到部门“不存在的局”（填写平台上的部门全称）。", "第4行：“信息资源名称”为空。"]
    assert helpers.call_action("zhangdian_responsibility_item_list", context=context) == []

    for _ in range(2):
        assert helpers.call_action("zhangdian_responsibility_list_import", context=context,
                                   upload=upload(good)) == {"items": 1, "departments": 1}
    assert [i["title"] for i in helpers.call_action("zhangdian_responsibility_item_list", context=context)] == \
        ["公交线路信息"]

    higher = "目录层级,目录名称,信息资源名称,信息项\n市级,淄博市公共数据开放网,公交线路,线路名称、起点站、终点站、首班时间\n"
    assert helpers.call_action("zhangdian_higher_level_catalog_import", context=context,
                               upload=upload(higher)) == {"entries": 1, "catalogs": 1}
    entry, = helpers.call_action("zhangdian_higher_level_entry_list", context=context)
    assert (entry["level"], entry["field_names"]) == ("city", ["线路名称", "起点站", "终点站", "首班时间"])


def test_snapshots_make_a_trend(sysadmin, department, harvested):
    yesterday = (clock.today() - datetime.timedelta(days=1)).isoformat()
    context = {"user": sysadmin["name"]}
    helpers.call_action("zhangdian_gap_snapshot_create", context=context, date=yesterday)
    helpers.call_action("zhangdian_gap_snapshot_create", context=context)
    trend = helpers.call_action("zhangdian_gap_report_show", context={"ignore_auth": True})["trend"]
    assert [point["date"] for point in trend] == [yesterday, clock.today().isoformat()]
    assert all(point["open_rate"] == 50.0 for point in trend)


@pytest.mark.parametrize("file_format", ["xlsx", "json", "html"])
def test_harvest_report_command(repo_dir, tmp_path, harvested, department, file_format):
    harvest = Path(sys.executable).with_name("harvest")
    output = tmp_path / f"report.{file_format}"
    completed = subprocess.run(
        [str(harvest), "-c", str(repo_dir / ".run" / "test.ini"), "report", "--department",
         department["org"]["title"], "--format", file_format, "--output", str(output)],
        capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert "3. 例外依据不足：1" in completed.stdout
    if file_format == "json":
        data = json.loads(output.read_text(encoding="utf-8"))
        assert [f["resource_code"] for f in data["departments"][0]["findings"]] == ["370303-hv-0004"]
    elif file_format == "xlsx":
        assert len(load_workbook(output).sheetnames) == 9
    else:
        html = output.read_text(encoding="utf-8")
        assert "<svg" in html and "370303-hv-0004" in html and "http" not in html.split("<body>")[0]


def test_import_command_refuses_a_bad_file_in_chinese(cli, department, tmp_path):
    from ckan.cli.cli import ckan

    path = tmp_path / "责任清单.csv"
    path.write_text("责任部门,信息资源名称\n不存在的局,路灯\n", encoding="utf-8-sig")

    result = cli.invoke(ckan, ["harvest", "import-responsibility", str(path)])

    assert result.exit_code != 0
    assert "第2行：找不到部门“不存在的局”（填写平台上的部门全称）。" in result.output
