"""ListRecord → CKAN dataset dict (keys of the scheming schema) and 信息项 → Frictionless Table Schema."""

from __future__ import annotations

import re

import pytest
import yaml
from list_helpers import as_table, row

from zhangdian_harvesters import dataset_name, info_items_to_table_schema, read_list, to_dataset_dict
from zhangdian_harvesters.records import InfoItem
from zhangdian_harvesters.vocabularies import FIELD_TYPE


@pytest.fixture(scope="module")
def schema_fields(repo_dir):
    path = repo_dir / "ckanext-zhangdian" / "ckanext" / "zhangdian" / "schemas" / "dataset.yaml"
    schema = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = {f["field_name"]: f for f in schema["dataset_fields"]}
    return fields


def _record(write_csv, **changes):
    return read_list(write_csv(as_table([row(1, **changes)]))).records[0]


def test_dataset_dict_uses_only_schema_keys_and_vocabulary_codes(write_csv, schema_fields):
    record = _record(write_csv, 开放属性="有条件开放", 开放条件="实名申请", 不予开放依据类型="法律法规",
                     法律法规依据="《数据安全法》第二十一条", 复审日期="2026年1月1日")

    dataset = to_dataset_dict(record, "zd-jtj")

    assert set(dataset) <= set(schema_fields)
    assert dataset == {
        "name": "zd-370303-jt-0001", "resource_code": "370303-jt-0001", "owner_org": "zd-jtj",
        "title": "张店区公交线路信息1", "notes": "公交线路名称、起止站点。", "theme": "transport",
        "tag_string": "公交,线路", "open_attribute": "conditional", "open_conditions": "实名申请",
        "exception_reason": "law", "legal_basis": "《数据安全法》第二十一条", "review_date": "2026-01-01",
        "update_frequency": "monthly", "data_updated": "2025-06-30", "spatial_code": "370303",
        "contact_name": "王某", "contact_phone": "0533-2181234", "contact_email": "zdjt@zibo.gov.cn",
        "row_count": 128,
        "info_items": [
            {"name": "line_name", "title": "线路名称", "type": "string", "description": "", "unit": ""},
            {"name": "length", "title": "线路长度", "type": "number", "description": "", "unit": "千米"}],
    }


def test_info_item_subfields_match_the_schema(schema_fields):
    subfields = {f["field_name"] for f in schema_fields["info_items"]["repeating_subfields"]}
    assert set(InfoItem("x").as_dict()) == subfields


@pytest.mark.parametrize(("code", "name"), [
    ("370303-jt-0001", "zd-370303-jt-0001"),
    ("6bca3e65b54149bc90e4f1a4417c980f", "zd-6bca3e65b54149bc90e4f1a4417c980f"),
])
def test_lower_case_codes_keep_a_readable_name(code, name):
    assert dataset_name(code) == name


def test_names_are_ascii_slugs_and_collision_free():
    codes = ["370303-JT-0001", "370303-jt-0001", "370303/jt/0001", "370303.jt.0001", "370303--jt-0001",
             "交通-0001", "A" * 64, "A" * 63 + "B", "-abc", "abc-"]

    names = [dataset_name(code) for code in codes]

    assert len(set(names)) == len(codes)
    assert all(re.fullmatch(r"[a-z0-9-_]{2,100}", name) for name in names)
    assert dataset_name("370303-JT-0001") == dataset_name("370303-JT-0001")
    assert dataset_name("370303-JT-0001").startswith("zd-370303-jt-0001--")


def test_table_schema_types_map_one_to_one_onto_frictionless():
    items = [InfoItem(f"f_{code}", type=code) for code in FIELD_TYPE.codes]

    schema = info_items_to_table_schema(items)

    assert [(f["name"], f["type"], f.get("format")) for f in schema["fields"]] == [
        ("f_string", "string", None), ("f_integer", "integer", None), ("f_number", "number", None),
        ("f_date", "date", None), ("f_datetime", "datetime", None), ("f_time", "time", None),
        ("f_boolean", "boolean", None), ("f_binary", "string", "binary"), ("f_any", "any", None)]


def test_table_schema_from_ckan_info_items_keeps_titles_and_units(write_csv):
    dataset = to_dataset_dict(_record(write_csv), "org")

    schema = info_items_to_table_schema(dataset["info_items"])

    assert schema == {"fields": [
        {"name": "line_name", "type": "string", "title": "线路名称"},
        {"name": "length", "type": "number", "title": "线路长度", "description": "计量单位：千米"}]}


def test_table_schema_is_valid_for_frictionless():
    frictionless = pytest.importorskip("frictionless")
    schema = info_items_to_table_schema([InfoItem("a", "甲", "integer", "说明", "个"),
                                         InfoItem("b", type="binary")])
    assert frictionless.Schema.validate_descriptor(schema).valid
