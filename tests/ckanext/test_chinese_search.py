"""Chinese full-text search through package_search and the real Solr 9 core (deploy/solr).

CKAN's stock schema splits on whitespace only, so none of these Chinese queries would match there.
"""

import pytest
from ckan.tests import factories, helpers

from portal_fixtures import create_dataset

TITLES = {
    "bus-routes": "张店区公交线路信息",
    "bus-stops": "张店区公交站点位置",
    "taxi-companies": "张店区出租汽车企业名录",
    "food-licences": "张店区食品经营许可信息",
    "pharmacies": "张店区药品零售企业名录",
    "schools": "张店区中小学校名录",
    "kindergartens": "张店区幼儿园名录",
    "gdp-quarterly": "张店区地区生产总值（季度）",
    "industry-value": "张店区规模以上工业增加值",
    "elderly-care": "张店区养老机构名录",
    "health-centres": "张店区社区卫生服务中心名录",
    "medical-institutions": "张店区医疗机构执业信息",
    "city-roads": "张店区城市道路信息",
    "car-parks": "张店区停车场位置及泊位数",
    "public-toilets": "张店区公共厕所分布",
    "dust-monitoring": "张店区建筑工地扬尘监测",
    "air-quality": "张店区空气质量日报",
    "river-chiefs": "张店区河长制河道名录",
    "licence-catalogue": "张店区行政许可事项目录",
    "property-registration": "张店区不动产登记办事指南",
    "marriage-registration": "张店区婚姻登记机关信息",
    "english-bus-stops": "Zhangdian district bus stops",
}
CHINESE = {name for name, title in TITLES.items() if title.startswith("张店区")}

# query -> exactly the datasets it must find (everything else is a required non-hit)
EXPECTED = {
    "公交": {"bus-routes", "bus-stops"},  # not 公共厕所, which shares only 公
    "公交线路": {"bus-routes"},
    "线路": {"bus-routes"},  # not 城市道路, which shares only 路
    "名录": {"taxi-companies", "pharmacies", "schools", "kindergartens", "elderly-care",
           "health-centres", "river-chiefs"},
    "学校": {"schools"},  # not 幼儿园
    "医疗机构": {"medical-institutions"},  # not 卫生服务中心
    "卫生": {"health-centres"},
    "空气质量": {"air-quality"},
    "停车场": {"car-parks"},
    "登记": {"property-registration", "marriage-registration"},
    "不动产": {"property-registration"},
    "许可": {"food-licences", "licence-catalogue"},
    "公交 站点": {"bus-stops"},  # two words: both must match
    "张店区": CHINESE,
    "厕": {"public-toilets"},  # a single character finds the words containing it
    "季度": {"gdp-quarterly"},
    "ＧＤＰ": set(),  # full-width Latin is normalised, and nothing here mentions GDP
    "bus": {"english-bus-stops"},  # English still works
    "stop": {"english-bus-stops"},  # with stemming
    "地铁": set(),
}


# URL names carry no words (CKAN indexes them too), so only titles can match.
SLUGS = {key: f"ds-{index:02d}" for index, key in enumerate(TITLES)}
KEYS = {slug: key for key, slug in SLUGS.items()}


@pytest.fixture
def catalog(clean_portal, sysadmin):
    org = factories.Organization(name="org-a", title="测试部门")
    for number, (key, title) in enumerate(TITLES.items()):
        create_dataset(sysadmin, org["id"], name=SLUGS[key], title=title, notes="",
                       resource_code=f"370303-SE-{number:04d}")


def _search(query):
    result = helpers.call_action("package_search", q=query, rows=100)
    return {KEYS[dataset["name"]] for dataset in result["results"]}


@pytest.mark.usefixtures("catalog")
@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_chinese_query_finds_exactly_the_expected_datasets(query):
    assert _search(query) == EXPECTED[query]


@pytest.mark.usefixtures("clean_portal")
def test_dataset_created_through_the_api_is_found_through_solr(sysadmin):
    dataset = create_dataset(sysadmin, factories.Organization()["id"], name="ds-new",
                             title="张店区新能源汽车充电桩分布")

    result = helpers.call_action("package_search", q="充电桩")

    assert [d["id"] for d in result["results"]] == [dataset["id"]]
