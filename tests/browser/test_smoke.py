"""Smoke test in headless Chromium: every kind of page, as the public and as department staff.

On a desktop (1280 px) and a phone (375 px) each page must be in Chinese and offline (every request stays
on this machine; checked for every browser test by conftest.py), raise no JavaScript error, label every
form field, give every image a text alternative, not scroll sideways, and show badges and buttons with
text contrast of at least 4.5:1; a screenshot of each page goes to the artifacts folder.
"""

from __future__ import annotations

import pytest
from ckan.tests import helpers
from page_checks import (
    external_requests, horizontal_overflow, images_without_alt, low_contrast, page_language, unlabelled_inputs)

from ckanext.zhangdian import harvest_runs
from harvest_fixtures import list_row, register_source

PORTAL_NAME = "张店区公共数据开放平台"
DEPARTMENT = "zd-jtysj"
# Coloured text the pages use to say something: open attribute, validation, scores, findings, buttons.
BADGES = ".zd-badge, .badge, .btn, .zd-freshness-text, .zd-lapsed, .flash-messages .alert"
PUBLIC_PAGES = {
    "home": "/",
    "search": "/dataset/?q=公交",
    "dataset": "/dataset/{open}",
    "dataset-conditional": "/dataset/{conditional}",
    "resource": "/dataset/{open}/resource/{resource}",
    "report": "/report/",
    "department": f"/organization/{DEPARTMENT}",
}
STAFF_PAGES = {
    "lists": "/lists/",
    "list-history": f"/lists/{DEPARTMENT}",
    "list-register": f"/lists/{DEPARTMENT}/register",
    "list-guide": "/lists/guide",
    "report-department": f"/report/department/{DEPARTMENT}",
}


@pytest.fixture
def catalog(transport, department_server) -> dict[str, str]:
    """The department's list harvested: an open dataset with a valid file and a conditionally open one.
    Returns the names the page paths need."""
    url = department_server.write_list([
        list_row(1, 数据文件="data1.csv"),
        list_row(2, 开放属性="有条件开放", 开放条件="签署数据利用协议", 不予开放依据类型="涉及敏感信息",
                 法律法规依据="《中华人民共和国个人信息保护法》第二十八条", 数据文件="data2.csv"),
    ])
    source = register_source(transport["sysadmin"], transport["org"], url)
    harvest_runs.run_source(source["name"])
    found = helpers.call_action("package_search", q="", sort="name asc", context={"ignore_auth": True})["results"]
    (open_dataset,) = [d for d in found if d["open_attribute"] == "unconditional"]
    (conditional,) = [d for d in found if d["open_attribute"] == "conditional"]
    return {"open": open_dataset["name"], "conditional": conditional["name"],
            "resource": open_dataset["resources"][0]["id"]}


def _check(page, portal_url, path, name, screenshot) -> None:
    response = page.goto(portal_url + path)
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    screenshot(name, page)
    assert page_language(page) == "zh-Hans-CN"
    assert page.title().endswith(PORTAL_NAME)
    assert page.get_by_text(PORTAL_NAME, exact=True).first.is_visible()
    assert unlabelled_inputs(page) == []
    assert images_without_alt(page) == []
    assert horizontal_overflow(page) == []
    assert low_contrast(page, BADGES) == []


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_on_desktop_and_phone(browser_page, phone_page, portal_url, screenshot, catalog,
                                          requested_urls, page_errors, name):
    path = PUBLIC_PAGES[name].format(**catalog)
    for device, page in (("desktop", browser_page), ("375px", phone_page)):
        _check(page, portal_url, path, f"{name}-{device}", screenshot)
    assert page_errors == []
    assert any(url.startswith(portal_url) for url in requested_urls)  # the recording works…
    assert external_requests(requested_urls) == []                     # …and everything came from here


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_department_editor_page_on_desktop_and_phone(browser_page, phone_page, portal_url, screenshot, log_in,
                                                     transport, catalog, page_errors, name):
    for device, page in (("desktop", browser_page), ("375px", phone_page)):
        log_in(page, transport["editor"])
        _check(page, portal_url, STAFF_PAGES[name], f"staff-{name}-{device}", screenshot)
    assert page_errors == []


def test_administrator_import_page_on_desktop_and_phone(browser_page, phone_page, portal_url, screenshot, log_in,
                                                        transport, page_errors):
    for device, page in (("desktop", browser_page), ("375px", phone_page)):
        log_in(page, transport["sysadmin"])
        _check(page, portal_url, "/report/manage", f"admin-report-manage-{device}", screenshot)
    assert page_errors == []


def test_the_contrast_check_catches_pale_text(browser_page):
    browser_page.set_content('<span class="badge" style="color:#999;background:#fff">浅色</span>'
                             '<span class="badge" style="color:#fff;background:#1b5e20">深色</span>')

    (problem,) = low_contrast(browser_page, ".badge")

    assert problem.startswith("2.85:1 <span") and "浅色" not in problem
