"""The three journeys of the portal, in headless Chromium against the real stack:

- a department editor uploads a list with errors, sees them by row and column, uploads the fixed list,
  previews and publishes it, and finds the datasets in the catalog;
- an administrator opens the gap report and downloads the XLSX;
- a member of the public searches in Chinese, opens the dataset and downloads its data.

Screenshots of each key page go to the artifacts folder (see conftest.py).
"""

from __future__ import annotations

import csv
import io

from ckan.tests import helpers
from openpyxl import load_workbook

from ckanext.zhangdian import harvest_runs
from harvest_fixtures import GOOD_DATA, HEADERS, list_row, register_source


def _write_list(path, rows) -> str:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows([[row.get(h, "") for h in HEADERS] for row in rows])
    return str(path)


def test_editor_fixes_the_list_errors_then_publishes(browser_page, portal_url, screenshot, log_in, transport,
                                                      department_server, tmp_path):
    page = browser_page
    log_in(page, transport["editor"])
    data = [f"{department_server.url}/data1.csv", f"{department_server.url}/data2.csv"]
    broken = _write_list(tmp_path / "清单-有错误.csv", [
        list_row(1, 数据文件=data[0]), list_row(2, 更新周期="每两天", 数据文件=data[1])])
    fixed = _write_list(tmp_path / "清单.csv", [list_row(1, 数据文件=data[0]), list_row(2, 数据文件=data[1])])

    page.goto(f"{portal_url}/lists/zd-jtysj/register")
    page.set_input_files("#upload", broken)
    page.get_by_role("button", name="检查清单").click()
    problems = page.locator("#list-problems tbody tr")
    assert problems.count() == 1
    assert problems.first.inner_text().split("\t")[:4] == ["3", "I3", "更新周期", "每两天"]
    assert page.locator("#list-preview").count() == 0
    screenshot("list-errors", page)

    page.set_input_files("#upload", fixed)
    page.get_by_role("button", name="检查清单").click()
    assert page.locator("#list-problems").count() == 0
    assert page.locator("#list-preview tbody tr").count() == 2
    screenshot("list-preview", page)

    page.get_by_role("button", name="立即发布").click()
    assert "新建 2" in page.locator("#published").inner_text()
    screenshot("list-published", page)

    page.goto(f"{portal_url}/organization/zd-jtysj")
    assert page.get_by_text("张店区公交线路信息1").count() and page.get_by_text("张店区公交线路信息2").count()


def test_administrator_reads_the_gap_report_and_downloads_the_xlsx(browser_page, portal_url, screenshot, log_in,
                                                                   transport):
    helpers.call_action("zhangdian_responsibility_item_create", context={"user": transport["sysadmin"]["name"]},
                        organization_id="zd-jtysj", title="出租汽车经营企业名录", resource_code="370303-JT-0003")
    page = browser_page
    log_in(page, transport["sysadmin"])
    page.goto(f"{portal_url}/report/")
    assert page.locator("h1").inner_text() == "查缺补漏报告"
    assert page.locator("svg[role=img]").count() == 3
    screenshot("gap-report", page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(download.path().read_bytes()))
    sheet = workbook[next(name for name in workbook.sheetnames if name.startswith("1 "))]
    assert [cell.value for cell in sheet[2]][1:3] == ["370303-JT-0003", "出租汽车经营企业名录"]

    page.goto(f"{portal_url}/report/department/zd-jtysj")
    assert "出租汽车经营企业名录" in page.locator("#missing_from_list").inner_text()
    screenshot("gap-report-department", page)


def test_public_searches_in_chinese_opens_the_dataset_and_downloads_the_csv(browser_page, portal_url, screenshot,
                                                                            transport, department_server):
    url = department_server.write_list([list_row(1), list_row(2, 信息资源名称="张店区出租汽车企业名录",
                                                                  信息资源摘要="出租汽车企业的名称与车辆数。")])
    source = register_source(transport["sysadmin"], transport["org"], url)
    harvest_runs.run_source(source["name"])
    page = browser_page

    page.goto(portal_url)
    search = page.get_by_role("searchbox", name="搜索数据集")  # the home page's own box, not the header's
    search.fill("公交线路")
    search.press("Enter")
    page.wait_for_load_state()
    results = page.locator(".dataset-list .dataset-heading a")
    assert results.all_inner_texts() == ["张店区公交线路信息1"]
    screenshot("public-search", page)

    results.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().strip() == "张店区公交线路信息1"
    assert page.locator(".resource-item .zd-badge-validation").inner_text() == "校验通过"
    assert page.locator(".zd-freshness-text").inner_text().startswith("应每月更新")
    screenshot("public-dataset", page)

    with page.expect_download() as download_info:
        page.locator(".resource-item .zd-download-csv").click()
    download = download_info.value
    assert download.suggested_filename == "张店区公交线路信息1.csv"
    assert download.path().read_bytes() == ("\ufeff" + GOOD_DATA).encode("utf-8")

    page.reload()
    assert page.locator(".resource-item .zd-download-count").inner_text() == "已下载 1 次"
