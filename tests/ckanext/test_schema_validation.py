"""The catalog schema: defaults, required and conditional fields, with the exact Chinese messages
users see in the API (the portal's default language is Chinese) and in the dataset form."""

from __future__ import annotations

import pytest
from ckan.tests import factories

from portal_fixtures import dataset_fields

pytestmark = pytest.mark.usefixtures("clean_portal")


def _create(app, user, expect_status, **fields):
    response = app.post(
        "/api/3/action/package_create",
        json={"owner_org": "zd-jtysj", **dataset_fields(**fields)},
        headers={"Authorization": user["token"]},
        status=expect_status,
    )
    return response.json


def _errors(app, user, **fields):
    body = _create(app, user, 409, **fields)
    assert body["error"]["__type"] == "Validation Error"
    return {key: value for key, value in body["error"].items() if key != "__type"}


def test_no_open_attribute_means_unconditionally_open(app, department):
    result = _create(app, department["editor"], 200)["result"]

    assert result["open_attribute"] == "unconditional"
    assert result["spatial_code"] == "370303"
    assert result["exception_lapsed"] is False
    assert result["data_access"] == "granted"


@pytest.mark.parametrize("field, message", [
    ("title", "缺失值"),
    ("resource_code", "缺失值"),
    ("theme", "缺失值"),
    ("update_frequency", "缺失值"),
])
def test_required_field_missing(app, department, field, message):
    errors = _errors(app, department["editor"], **{field: ""})

    assert errors == {field: [message]}


def test_conditional_without_conditions_or_basis_names_each_missing_field(app, department):
    errors = _errors(app, department["editor"], open_attribute="conditional")

    assert errors == {
        "open_conditions": ["开放属性为“有条件开放”时，必须填写开放条件。"],
        "exception_reason": ["开放属性为“有条件开放”时，必须选择不开放（有条件开放）依据类型。"],
        "legal_basis": ["开放属性为“有条件开放”时，必须填写法律法规依据（法律、法规、规章名称及条款）。"],
    }


def test_closed_without_basis_names_reason_and_legal_basis(app, department):
    errors = _errors(app, department["editor"], open_attribute="closed")

    assert errors == {
        "exception_reason": ["开放属性为“不予开放”时，必须选择不开放（有条件开放）依据类型。"],
        "legal_basis": ["开放属性为“不予开放”时，必须填写法律法规依据（法律、法规、规章名称及条款）。"],
    }


def test_closed_with_basis_is_accepted(app, department):
    result = _create(app, department["editor"], 200, open_attribute="closed",
                     exception_reason="sensitive", legal_basis="《中华人民共和国个人信息保护法》第二十八条",
                     review_date="2027-06-30")["result"]

    assert (result["open_attribute"], result["exception_reason"]) == ("closed", "sensitive")


@pytest.mark.parametrize("field, value, message", [
    ("open_attribute", "secret", "“secret”不是可选的值，请从列表中选择。"),
    ("resource_code", "a b", "信息资源代码 a b 格式不正确：应为 4 至 64 位字母、数字或“-”“/”“.”。"),
    ("spatial_code", "3703", "行政区划代码 3703 格式不正确：应为 6、9 或 12 位数字，如 370303。"),
    ("contact_phone", "12345", "联系电话 12345 格式不正确：应为手机号（如 13800000000）或带区号的固定电话"
                               "（如 0533-2181234）。"),
    ("theme", "weather", "“weather”不是可选的值，请从列表中选择。"),
])
def test_bad_value_gets_a_chinese_message(app, department, field, value, message):
    errors = _errors(app, department["editor"], **{field: value})

    assert errors == {field: [message]}


def test_temporal_end_before_start(app, department):
    errors = _errors(app, department["editor"], temporal_start="2024-01-01", temporal_end="2023-12-31")

    assert errors == {"temporal_end": ["数据时间范围（止）早于（起）。"]}


def test_resource_code_is_unique_in_the_portal(app, department):
    _create(app, department["editor"], 200, name="zd-first")

    errors = _errors(app, department["editor"], name="zd-second", title="另一个数据集")

    assert errors == {"resource_code": ["信息资源代码 370303-JT-0001 已被数据集《张店区公交线路信息》使用。"]}


def test_data_dictionary_is_stored_as_fields(app, department):
    fields = [{"name": "line_no", "title": "线路编号", "type": "string", "description": "", "unit": ""},
              {"name": "length", "title": "线路长度", "type": "number", "description": "", "unit": "公里"}]

    result = _create(app, department["editor"], 200, info_items=fields, row_count=58)["result"]

    assert [(f["name"], f["type"], f["unit"]) for f in result["info_items"]] == [
        ("line_no", "string", ""), ("length", "number", "公里")]
    assert result["row_count"] == 58


@pytest.mark.parametrize("code, message", [
    ("91110000600037341A", "统一社会信用代码 91110000600037341A 校验位错误。"),
    ("9111000060003734", "统一社会信用代码 9111000060003734 应为 18 位。"),
])
def test_department_credit_code_is_checksum_validated(app, sysadmin, code, message):
    response = app.post("/api/3/action/organization_create",
                        json={"name": "zd-tjj", "title": "淄博市张店区统计局", "credit_code": code},
                        headers={"Authorization": sysadmin["token"]}, status=409)

    assert response.json["error"]["credit_code"] == [message]


def test_department_with_valid_credit_code_and_level(app, sysadmin):
    response = app.post("/api/3/action/organization_create",
                        json={"name": "zd-tjj", "title": "淄博市张店区统计局", "short_name": "区统计局",
                              "credit_code": "91110000600037341L", "level": "district"},
                        headers={"Authorization": sysadmin["token"]})

    result = response.json["result"]
    assert (result["short_name"], result["credit_code"], result["level"]) == (
        "区统计局", "91110000600037341L", "district")


def test_dataset_form_shows_the_chinese_error_for_a_missing_basis(app, department):
    headers = {"Authorization": department["editor"]["token"]}
    form_page = app.get("/dataset/new", headers=headers)
    token = form_page.body.split('name="_csrf_token" value="')[1].split('"')[0]

    response = app.post("/dataset/new", headers=headers, data={
        "_csrf_token": token, "save": "", "_ckan_phase": "dataset_new_1",
        "owner_org": department["org"]["id"], "name": "zd-closed-form",
        **{k: v for k, v in dataset_fields(open_attribute="closed").items()},
    })

    assert response.status_code == 200
    assert "开放属性为“不予开放”时，必须填写法律法规依据（法律、法规、规章名称及条款）。" in response.body
