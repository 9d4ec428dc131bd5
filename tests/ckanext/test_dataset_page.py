"""The public dataset page and its downloads: open attribute, validation badge and report, update
frequency and freshness, data dictionary, metadata score, CSV (UTF-8 with BOM) / XLSX / JSON made from
the published file, and download counts. Datasets come from a real harvest of a department's list."""

from __future__ import annotations

import datetime
import io
from urllib.parse import unquote

import ckan.model as model
import openpyxl
import pytest
from ckan.tests import helpers

from ckanext.zhangdian import clock, harvest_runs
from ckanext.zhangdian.model import DownloadCount
from harvest_fixtures import list_row, list_server, register_source  # noqa: F401
from portal_fixtures import create_dataset, soup, text

pytestmark = pytest.mark.usefixtures("clean_portal")

DATA = "line,length\n007路,12.50\n2路,8\n"
BASIS = {"不予开放依据类型": "涉及敏感信息", "法律法规依据": "《中华人民共和国个人信息保护法》第二十八条"}


@pytest.fixture
def published(sysadmin, department, list_server):
    """A harvested list: an open dataset updated 60 days ago with a valid file, one whose file failed
    validation, and a conditionally open one. Returns code -> dataset (as a sysadmin sees it)."""
    url = list_server.write_list([
        list_row(1, 数据更新时间=_days_from_today(-60)),
        list_row(2),
        list_row(3, 开放属性="有条件开放", 开放条件="签署数据利用协议", **BASIS),
    ])
    list_server.write_file("data1.csv", DATA)
    list_server.write_file("data2.csv", "line,length\n1路,十二公里\n")
    list_server.write_file("data3.csv", DATA)
    source = register_source(sysadmin, department["org"], url)
    harvest_runs.run_source(source["name"])
    result = helpers.call_action("package_search", fq=f'harvest_source:"{source["id"]}"', rows=10,
                                 context={"ignore_auth": True})
    return {dataset["resource_code"][-1]: helpers.call_action(
        "package_show", context={"ignore_auth": True}, id=dataset["id"]) for dataset in result["results"]}


def _days_from_today(days: int) -> str:
    return (clock.today() + datetime.timedelta(days=days)).isoformat()


def _convert_url(dataset: dict, fmt: str) -> str:
    return f"/dataset/{dataset['name']}/resource/{dataset['resources'][0]['id']}/as/{fmt}"


def test_dataset_page_shows_freshness_validation_dictionary_and_metadata_score(app, published):
    dataset = published["1"]
    page = soup(app.get(f"/dataset/{dataset['name']}", status=200))

    assert text(page.select_one(".zd-open-attribute .zd-badge")) == "无条件开放"
    # monthly: due 31 + 7 days of grace after the last update, so 60 days ago is 22 days overdue
    assert text(page.select_one(".zd-freshness-text")) == "应每月更新，已逾期 22 天"
    assert "zd-freshness-overdue" in page.select_one(".zd-freshness")["class"]
    badge = page.select_one(".resource-item .zd-badge-validation")
    assert text(badge) == "校验通过"
    report_link = page.select_one(".resource-item .zd-validation-report-link")["href"]
    assert report_link == f"/dataset/{dataset['name']}/resource/{dataset['resources'][0]['id']}#zd-validation-report"
    dictionary = [[text(cell) for cell in row.select("th, td")]
                  for row in page.select(".zd-data-dictionary tbody tr")]
    assert dictionary == [["line", "线路", "字符型", "", ""], ["length", "线路长度", "数值型", "", "千米"]]
    score = int(text(page.select_one(".zd-metadata-score .zd-quality-value")).split("/")[0])
    assert 0 < score < 100
    missing = [text(item) for item in page.select(".zd-missing li")]
    assert "联系人及联系方式" in missing and "关键词" in missing
    assert "主题分类" not in missing and "信息项（数据字典）" not in missing
    assert [text(a) for a in page.select(".resource-item .zd-download")] == ["CSV", "Excel (XLSX)", "JSON"]
    assert text(page.select_one(".resource-item .zd-download-count")) == "已下载 0 次"


def test_metadata_scores_on_the_pages_are_the_gap_reports(app, published):
    scores = [int(text(soup(app.get(f"/dataset/{dataset['name']}", status=200)).select_one(
        ".zd-metadata-score .zd-quality-value")).split("/")[0]) for dataset in published.values()]

    report = helpers.call_action("zhangdian_gap_report_show", context={"ignore_auth": True},
                                 department=published["1"]["organization"]["name"])

    indicators = report["departments"][0]["indicators"]
    assert indicators["metadata_score_total"] == sum(scores)
    assert indicators["metadata_score"] == round(sum(scores) / 3, 1)


def test_resource_page_has_the_validation_report_and_download_buttons(app, published):
    dataset = published["1"]
    resource = dataset["resources"][0]
    page = soup(app.get(f"/dataset/{dataset['name']}/resource/{resource['id']}", status=200))

    report = page.select_one("#zd-validation-report")
    assert text(report.select_one(".zd-badge")) == "校验通过"
    facts = dict(zip([text(dt) for dt in report.select("dt")], [text(dd) for dd in report.select("dd")]))
    assert facts["数据行数"] == "2"
    assert [text(a) for a in page.select(".module-resource .actions .zd-download")] == [
        "CSV", "Excel (XLSX)", "JSON"]
    assert '"errors"' not in page.get_text()  # the stored summary is shown as a table, not as JSON


def test_failed_file_links_its_report_and_offers_no_conversions(app, published):
    dataset = published["2"]
    page = soup(app.get(f"/dataset/{dataset['name']}", status=200))

    assert text(page.select_one(".resource-item .zd-badge-validation")) == "校验未通过"
    assert page.select_one(".resource-item .zd-validation-report-link")["href"] == dataset["resources"][0]["url"]
    assert page.select(".resource-item .zd-download") == []
    app.get(_convert_url(dataset, "csv"), status=404)


def test_conditional_dataset_explains_the_exception_and_how_to_apply(app, published):
    page = soup(app.get(f"/dataset/{published['3']['name']}", status=200))

    notice = page.select_one(".zd-open-attribute")
    assert text(notice.select_one(".zd-badge")) == "有条件开放"
    assert "签署数据利用协议" in text(notice) and "《中华人民共和国个人信息保护法》第二十八条" in text(notice)
    assert notice.select_one(".zd-how-to-apply") is not None
    # the data is hidden, but its freshness and metadata score are measured all the same
    assert page.select(".resource-item") == []
    assert text(page.select_one(".zd-freshness-text")).startswith("应每月更新，下次更新应不晚于")


def test_csv_download_is_utf8_with_one_bom_and_a_chinese_filename(app, published):
    dataset = published["1"]

    response = app.get(_convert_url(dataset, "csv"), status=200)

    assert response.data == ("\ufeff" + DATA).encode("utf-8")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{dataset["name"]}.csv"')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "张店区公交线路信息1.csv"


def test_xlsx_download_keeps_every_cell_astext(app, published):
    response = app.get(_convert_url(published["1"], "xlsx"), status=200)

    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    sheet = workbook.active
    assert sheet.title == "张店区公交线路信息1"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["line", "length"], ["007路", "12.50"], ["2路", "8"]]
    assert {cell.data_type for row in sheet.iter_rows() for cell in row} == {"s"}


def test_json_download_is_an_array_of_records(app, published):
    response = app.get(_convert_url(published["1"], "json"), status=200)

    assert response.json == [{"line": "007路", "length": "12.50"}, {"line": "2路", "length": "8"}]


def test_unknown_format_and_foreign_resource_are_not_found(app, published):
    app.get(_convert_url(published["1"], "pdf"), status=404)
    other = published["2"]["resources"][0]["id"]
    app.get(f"/dataset/{published['1']['name']}/resource/{other}/as/csv", status=404)
    app.get(f"/dataset/{published['1']['name']}/resource/no-such-resource/as/csv", status=404)


def test_downloads_are_counted_per_format_and_day_and_refusals_are_not(app, published, sysadmin):
    dataset, restricted = published["1"], published["3"]
    resource = dataset["resources"][0]
    for fmt in ("csv", "csv", "xlsx", "json"):
        app.get(_convert_url(dataset, fmt), status=200)
    app.get(resource["url"], status=200)  # CKAN's own download of the stored file
    app.get(_convert_url(dataset, "pdf"), status=404)
    hidden = helpers.call_action("package_show", context={"ignore_auth": True}, id=restricted["id"])
    app.get(_convert_url(hidden, "csv"), status=403)  # anonymous, conditional dataset

    today = clock.today()  # in China: a download at 07:00 there counts for that day, not the UTC one before
    assert _counts(resource["id"]) == {("csv", today): 2, ("xlsx", today): 1, ("json", today): 1, ("file", today): 1}
    assert _counts(hidden["resources"][0]["id"]) == {}

    page = soup(app.get(f"/dataset/{dataset['name']}", status=200))
    assert text(page.select_one(".resource-item .zd-download-count")) == "已下载 5 次"
    assert text(page.select_one(".zd-downloads-total .zd-quality-value")) == "5"


def _counts(resource_id: str) -> dict[tuple[str, datetime.date], int]:
    rows = model.Session.query(DownloadCount).filter_by(resource_id=resource_id)
    return {(row.format, row.day): row.count for row in rows}


def test_source_list_is_named_and_linked_for_the_departments_editors(app, published, department):
    url = f"/dataset/{published['1']['name']}"

    def source_cell(page):
        row = next(tr for tr in page.select("tr") if tr.th and text(tr.th) == "来源清单")
        return row.td

    public = source_cell(soup(app.get(url, status=200)))
    editor = source_cell(soup(app.get(url, headers={"Authorization": department["editor"]["token"]}, status=200)))

    assert (text(public), public.a) == ("交通运输局数据开放清单", None)
    assert (text(editor), editor.a["href"]) == ("交通运输局数据开放清单", "/lists/zd-jtysj")


def test_dataset_page_has_no_groups_tab_and_no_foreign_share_links(app, published):
    page = soup(app.get(f"/dataset/{published['1']['name']}", status=200))

    tabs = [text(a) for a in page.select(".page-header .nav a")]
    assert tabs == ["数据集", "活动流"]
    assert not page.select("a[href*='facebook.com'], a[href*='x.com/share']")


@pytest.fixture
def hand_uploaded(sysadmin, department, create_with_upload):
    """A dataset whose CSV an editor uploaded by hand (no harvest, no validation)."""
    def upload(content: bytes, name: str = "zd-hand") -> tuple[dict, dict]:
        dataset = create_dataset(sysadmin, department["org"]["id"], name=name, resource_code=f"370303-SC-{name[-4:]}")
        resource = create_with_upload(content, "data.csv", package_id=dataset["id"], format="CSV", name="上传表",
                                      context={"user": sysadmin["name"]})
        return helpers.call_action("package_show", context={"ignore_auth": True}, id=dataset["id"]), resource
    return upload


def test_hand_uploaded_gbk_file_downloads_as_utf8(app, hand_uploaded):
    dataset, _ = hand_uploaded("名称,街道\r\n张店区第一中学,车站街道\r\n".encode("gbk"))

    response = app.get(_convert_url(dataset, "csv"), status=200)

    assert response.data.decode("utf-8") == "\ufeff名称,街道\n张店区第一中学,车站街道\n"


def test_unreadable_file_is_refused_with_a_message_and_not_counted(app, hand_uploaded):
    dataset, resource = hand_uploaded(b"\x89PNG\r\n\x1a\n\x00\xff\xfe binary")

    response = app.get(_convert_url(dataset, "json"), status=422)

    assert "无法转换" in text(soup(response))
    assert _counts(resource["id"]) == {}


def test_head_and_range_requests_are_not_counted_as_downloads(app, published):
    dataset = published["1"]
    resource = dataset["resources"][0]

    app.client.head(_convert_url(dataset, "csv"))
    app.get(resource["url"], headers={"Range": "bytes=0-9"})
    app.get(_convert_url(dataset, "csv"), status=200)

    assert _counts(resource["id"]) == {("csv", clock.today()): 1}


@pytest.mark.ckan_config("ckanext.zhangdian.xlsx_max_rows", "2")
def test_files_longer_than_the_xlsx_limit_offer_csv_and_json_only(app, published):
    dataset = published["1"]  # a header and two rows: three rows in a worksheet

    page = soup(app.get(f"/dataset/{dataset['name']}", status=200))
    response = app.get(_convert_url(dataset, "xlsx"), status=422)

    assert [text(a) for a in page.select(".resource-item .zd-download")] == ["CSV", "JSON"]
    assert "CSV 或 JSON" in text(soup(response))


def test_closed_dataset_states_its_reason_and_basis_without_an_application(app, sysadmin, department):
    dataset = create_dataset(sysadmin, department["org"]["id"], name="zd-closed", resource_code="370303-CL-0001",
                             open_attribute="closed", exception_reason="law",
                             legal_basis="《中华人民共和国保守国家秘密法》第九条", review_date="2027-06-30")

    notice = soup(app.get(f"/dataset/{dataset['name']}", status=200)).select_one(".zd-open-attribute")

    facts = dict(zip([text(dt) for dt in notice.select("dt")], [text(dd) for dd in notice.select("dd")]))
    assert text(notice.select_one(".zd-badge")) == "不予开放"
    assert facts == {"依据类型": "法律法规", "法律法规依据": "《中华人民共和国保守国家秘密法》第九条",
                     "复审日期": "2027-06-30"}
    assert notice.select_one(".zd-how-to-apply") is None


@pytest.mark.parametrize("fields, expected", [
    ({"update_frequency": "monthly"}, "应每月更新，数据更新时间未知"),
    ({"update_frequency": "irregular", "data_updated": "2020-01-01"}, "更新周期：不定期"),
    ({"update_frequency": "annual", "data_updated": -10}, "应每年更新，下次更新应不晚于 {+416}"),
])
def test_freshness_says_what_is_known(app, sysadmin, department, fields, expected):
    """Day offsets (ints) are relative to the portal's today."""
    fields = {key: _days_from_today(value) if isinstance(value, int) else value for key, value in fields.items()}
    dataset = create_dataset(sysadmin, department["org"]["id"], **fields)

    page = soup(app.get(f"/dataset/{dataset['name']}", status=200))

    assert text(page.select_one(".zd-freshness-text")) == expected.replace("{+416}", _days_from_today(416))
