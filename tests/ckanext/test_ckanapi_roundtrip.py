"""Round trip through the real ckanapi client (RemoteCKAN over HTTP): create, update, show, search."""

import pytest
from ckanapi import RemoteCKAN, ValidationError
from ckan.tests import factories

from portal_fixtures import dataset_fields

pytestmark = pytest.mark.usefixtures("clean_portal")


def test_ckanapi_round_trip_with_the_custom_fields(ckan_server_url):
    admin = factories.SysadminWithToken()
    org = factories.Organization(name="zd-tjj", title="淄博市张店区统计局")
    ckan = RemoteCKAN(ckan_server_url, apikey=admin["token"])

    created = ckan.action.package_create(owner_org=org["id"], **dataset_fields(
        name="zd-gdp", title="张店区地区生产总值（季度）", resource_code="370303-TJ-0001", theme="government",
        update_frequency="quarterly", info_items=[{"name": "gdp", "title": "地区生产总值", "type": "number",
                                                   "unit": "亿元", "description": ""}]))
    shown = ckan.action.package_show(id="zd-gdp")
    shown.update(open_attribute="conditional", open_conditions="仅限统计研究", exception_reason="policy",
                 legal_basis="《统计法实施条例》第三十条", review_date="2027-01-01")
    updated = ckan.action.package_update(**shown)
    found = ckan.action.package_search(q="生产总值", fq="open_attribute:conditional")

    assert created["open_attribute"] == "unconditional"
    assert (updated["open_attribute"], updated["legal_basis"]) == ("conditional", "《统计法实施条例》第三十条")
    assert updated["info_items"][0]["unit"] == "亿元"
    assert [d["name"] for d in found["results"]] == ["zd-gdp"]
    assert found["results"][0]["update_frequency"] == "quarterly"


def test_ckanapi_reports_the_chinese_validation_error(ckan_server_url):
    admin = factories.SysadminWithToken()
    org = factories.Organization()
    ckan = RemoteCKAN(ckan_server_url, apikey=admin["token"])

    with pytest.raises(ValidationError) as error:
        ckan.action.package_create(owner_org=org["id"], **dataset_fields(open_attribute="closed"))

    assert error.value.error_dict["legal_basis"] == [
        "开放属性为“不予开放”时，必须填写法律法规依据（法律、法规、规章名称及条款）。"]
