"""The public portal pages: the home page's figures, departments and themes; the search facets labelled in
Chinese (and in English under /en/); Chinese queries with facets; a department's page with its indicators
from the gap report."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from ckan.tests import helpers

from ckanext.zhangdian.views.downloads import count_download
from portal_fixtures import create_dataset, soup, text

pytestmark = pytest.mark.usefixtures("clean_portal")

BASIS = {"exception_reason": "sensitive", "legal_basis": "《中华人民共和国个人信息保护法》第二十八条",
         "open_conditions": "仅用于交通规划研究，签署数据利用协议。", "review_date": "2027-12-31"}


@pytest.fixture
def catalog(clean_portal, sysadmin, department, create_with_upload):
    """Two departments: transport with two datasets (one with a CSV file), education with one
    conditionally open dataset, and a third department with none."""
    for name, title in (("zd-jyj", "淄博市张店区教育和体育局"), ("zd-tjj", "淄博市张店区统计局")):
        helpers.call_action("organization_create", context={"user": sysadmin["name"]}, name=name, title=title)
    transport = department["org"]["id"]
    routes = create_dataset(sysadmin, transport)  # 张店区公交线路信息: transport, monthly
    create_with_upload("线路,首站\n1路,火车站\n", "lines.csv", package_id=routes["id"], format="CSV",
                       name="线路表", context={"user": sysadmin["name"]})
    create_dataset(sysadmin, transport, name="zd-bus-stops", title="张店区公交站点位置",
                   resource_code="370303-JT-0002", update_frequency="annual", notes="公交站点的名称和所在街道。")
    create_dataset(sysadmin, "zd-jyj", name="zd-schools", title="张店区中小学校名录", resource_code="370303-JY-0001",
                   theme="education", update_frequency="annual", notes="学校名称、所在街道和学段。",
                   open_attribute="conditional", **BASIS)


def _figures(page: BeautifulSoup) -> dict[str, str]:
    """The home page's figures: label -> value."""
    return {text(figure.select_one(".zd-figure-label")): text(figure.select_one(".zd-figure-value"))
            for figure in page.select(".zd-figure")}


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def _browse_items(page: BeautifulSoup, heading: str) -> dict[str, tuple[str, str]]:
    """A browse list of the home page under ``heading``: name -> (link, count text)."""
    section = next(s for s in page.select("section") if s.h2 and text(s.h2) == heading)
    return {text(a.select_one(".zd-browse-name")): (a["href"], text(a.select_one(".zd-browse-count")))
            for a in section.select(".zd-browse-list a")}


def _facets(page: BeautifulSoup) -> dict[str, dict[str, str]]:
    """The search page's facets: title -> {item label: count}."""
    found = {}
    for section in page.select("#search-facets section"):
        items = {text(a.select_one(".item-label")): text(a.select_one(".item-count"))
                 for a in section.select("li a")}
        found[text(section.select_one(".module-heading"))] = items
    return found


@pytest.mark.usefixtures("catalog")
def test_home_page_counts_datasets_departments_and_the_report_rates(app):
    overall = helpers.call_action("zhangdian_gap_report_show", context={"ignore_auth": True})["overall"]

    page = soup(app.get("/", status=200))

    assert _figures(page) == {"数据集": "3", "部门": "3", "开放率": _rate(overall["open_rate"]),
                              "按时更新率": _rate(overall["on_time_rate"]), "数据下载次数": "0"}
    assert page.select_one("a[href='/report/']") is not None
    assert _browse_items(page, "按部门浏览") == {
        "淄博市张店区交通运输局": ("/organization/zd-jtysj", "2 个数据集"),
        "淄博市张店区教育和体育局": ("/organization/zd-jyj", "1 个数据集"),
        "淄博市张店区统计局": ("/organization/zd-tjj", "0 个数据集"),
    }
    assert _browse_items(page, "按主题浏览") == {
        "交通运输": ("/dataset/?theme=transport", "2 个数据集"),
        "教育科技": ("/dataset/?theme=education", "1 个数据集"),
    }


def test_home_page_of_an_empty_portal_shows_dashes_for_rates_and_a_labelled_search(app):
    page = soup(app.get("/", status=200))

    assert _figures(page) == {"数据集": "0", "部门": "0", "开放率": "—", "按时更新率": "—",
                              "数据下载次数": "0"}
    search = page.select_one("form[role=search] input[name=q]")
    assert text(page.select_one(f"label[for={search['id']}]")) == "搜索数据集"
    assert page.select_one("form[role=search]")["action"] == "/dataset/"
    assert [text(h) for h in page.select("h1")] == ["张店区公共数据，面向社会开放"]
    assert "CKAN" not in text(page.select_one("[role=main]"))  # no placeholder content


def test_home_page_adds_up_the_downloads_of_every_file_and_format(app):
    count_download("resource-a", "dataset-a", "csv", datetime.date(2026, 11, 30))
    count_download("resource-a", "dataset-a", "csv")
    count_download("resource-b", "dataset-b", "file")

    assert _figures(soup(app.get("/", status=200)))["数据下载次数"] == "3"


@pytest.mark.usefixtures("catalog")
def test_search_facets_have_chinese_titles_and_labels(app):
    facets = _facets(soup(app.get("/dataset/", status=200)))

    assert list(facets) == ["部门", "主题分类", "开放属性", "格式", "更新周期", "关键词"]
    assert facets["部门"] == {"淄博市张店区交通运输局": "2", "淄博市张店区教育和体育局": "1"}
    assert facets["主题分类"] == {"交通运输": "2", "教育科技": "1"}
    assert facets["开放属性"] == {"无条件开放": "2", "有条件开放": "1"}
    assert facets["格式"] == {"CSV": "1"}
    assert facets["更新周期"] == {"每年": "2", "每月": "1"}


@pytest.mark.usefixtures("catalog")
def test_search_facets_are_in_english_under_en(app):
    page = soup(app.get("/en/dataset/", status=200))
    facets = _facets(page)

    assert list(facets) == ["Department", "Theme", "Open attribute", "Format", "Update frequency", "Keywords"]
    assert facets["Theme"] == {"Transport": "2", "Education": "1"}
    assert facets["Open attribute"] == {"Unconditionally open": "2", "Conditionally open": "1"}
    assert facets["Update frequency"] == {"Annually": "2", "Monthly": "1"}


@pytest.mark.usefixtures("catalog")
def test_applied_vocabulary_filter_is_shown_by_its_label(app):
    page = soup(app.get("/dataset/?theme=transport&update_frequency=monthly", status=200))

    pills = [text(pill) for pill in page.select(".filter-list .filtered")]
    assert pills == ["交通运输", "每月"]
    assert [text(a) for a in page.select(".dataset-heading a")] == ["张店区公交线路信息"]


@pytest.mark.usefixtures("catalog")
def test_chinese_query_finds_the_dataset_with_its_facets(app):
    page = soup(app.get("/dataset/?q=公交线路", status=200))

    assert [text(a) for a in page.select(".dataset-heading a")] == ["张店区公交线路信息"]
    facets = _facets(page)
    assert facets["主题分类"] == {"交通运输": "1"}
    assert facets["部门"] == {"淄博市张店区交通运输局": "1"}
    assert facets["格式"] == {"CSV": "1"}


@pytest.mark.usefixtures("catalog")
def test_department_page_shows_its_indicators_and_finding_counts(app, department):
    name = department["org"]["name"]
    shown = helpers.call_action("zhangdian_gap_report_show", context={"ignore_auth": True}, department=name)
    indicators = shown["departments"][0]["indicators"]

    page = soup(app.get(f"/organization/{name}", status=200))

    section = page.select_one(".zd-department-indicators")
    values = {text(card.select_one(".zd-indicator-label")): text(card.select_one(".zd-indicator-value"))
              for card in section.select(".zd-indicators li")}
    assert values["开放率"] == _rate(indicators["open_rate"])
    assert values["按时更新率"] == _rate(indicators["on_time_rate"])
    assert values["问题数"] == str(indicators["finding_count"])
    assert {"校验通过率", "平均元数据评分"} <= set(values)
    assert f"共 {shown['department_count']} 个部门" in text(section)
    kinds = [text(item) for item in section.select(".zd-finding-kinds li")]
    assert len(kinds) == 8 and kinds[3] == f"4. 更新不及时 {indicators['findings']['stale']}"
    assert section.select_one(f"a[href='/report/department/{name}']") is None  # findings: members only
    assert sorted(text(a) for a in page.select(".dataset-heading a")) == ["张店区公交站点位置", "张店区公交线路信息"]
    assert "部门" not in _facets(page)  # no department facet on a department's page


@pytest.mark.usefixtures("catalog")
def test_department_members_get_a_link_to_their_findings(app, department):
    name = department["org"]["name"]
    page = soup(app.get(f"/organization/{name}", headers={"Authorization": department["editor"]["token"]},
                         status=200))

    assert page.select_one(f".zd-department-indicators a[href='/report/department/{name}']") is not None


@pytest.mark.parametrize(("path", "expected"), [
    ("/", ["登录", "注册", "数据集", "部门", "查缺补漏报告"]),
    ("/en/", ["Log in", "Register", "Datasets", "Departments", "Gap report"]),
])
def test_header_navigation_and_account_links(app, path, expected):
    page = soup(app.get(path, status=200))

    texts = [text(a) for a in page.select(".account a, .masthead .navbar-nav a")]
    assert texts[:5] == expected
    assert page.select_one(".zd-logo img")["alt"]
