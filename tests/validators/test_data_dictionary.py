"""Item 2: a Table Schema built from the department's field list (信息项: name, title, type,
description, unit), with the Chinese data types of real catalog templates and the legacy letter codes."""

from __future__ import annotations

import json
import warnings

import pytest
from openpyxl import load_workbook

from result_helpers import errors_of
from zhangdian_validators import SchemaError, schema_from_fields, validate
from zhangdian_validators.schema import table_type


@pytest.mark.parametrize("data_type, expected", [
    ("字符型", "string"), ("数字型", "number"), ("整数型", "integer"), ("小数型", "number"), ("高精度型", "number"),
    ("日期型", "date"), ("日期时间型", "datetime"), ("时间型", "time"), ("时间戳型", "datetime"),
    ("布尔型", "boolean"), ("二进制", "binary"), ("其他", "any"), ("字符型(50)", "string"), ("高精度型（18,2）", "number"),
    ("C", "string"), ("N", "number"), ("I", "integer"), ("F", "number"), ("Y", "number"), ("D", "date"),
    ("T", "datetime"), ("L", "boolean"), ("B", "binary"), ("M", "string"), ("G", "any"),
    ("varchar(64)", "string"), ("DECIMAL(10,2)", "number"), ("integer", "integer"), ("", "string"), (None, "string"),
    ("文字", None), ("X", None),
])
def test_data_types_map_to_table_schema_types(data_type, expected):
    assert table_type(data_type) == expected


def _data_validation_choices(path) -> set[str]:
    """Every choice of every 数据类型 drop-down list in a real catalog template."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(path)
    choices = set()
    for sheet in workbook:
        for validation in sheet.data_validations.dataValidation:
            listed = (validation.formula1 or "").strip('"').split(",")
            if "字符型" in listed:
                choices.update(listed)
    return choices


@pytest.mark.parametrize("template", ["信息项模板.xlsx", "数据资源目录导入模板.xlsx"])
def test_every_data_type_offered_by_the_real_templates_is_understood(realdata, template):
    choices = _data_validation_choices(realdata / "kweaver_dsg" / template)
    assert "日期时间型" in choices
    assert {choice: table_type(choice) for choice in choices if table_type(choice) is None} == {}


def test_schema_from_the_portals_field_list_with_unit_and_binary():
    schema = schema_from_fields([
        {"name": "jdmc", "title": "街道名称", "type": "字符型", "description": "街道办事处名称"},
        {"name": "rk", "title": "人口", "type": "整数型", "unit": "人"},
        {"name": "mj", "title": "面积", "type": "N", "description": "辖区面积", "unit": "平方千米"},
        {"name": "fj", "title": "附件", "type": "二进制"},
    ])
    assert schema == {"fields": [
        {"name": "jdmc", "type": "string", "title": "街道名称", "description": "街道办事处名称"},
        {"name": "rk", "type": "integer", "title": "人口", "description": "计量单位：人"},
        {"name": "mj", "type": "number", "title": "面积", "description": "辖区面积（计量单位：平方千米）"},
        {"name": "fj", "type": "string", "format": "binary", "title": "附件"},
    ]}


def test_schema_from_the_templates_chinese_columns():
    """Rows of the 信息项导入 sheet: required marks (*) on the keys, 数据长度 → maxLength."""
    schema = schema_from_fields([
        {"*数据资源目录名称": "企业名录", "*信息项业务名称": "统一社会信用代码", "*信息项技术名称": "tyshxydm",
         "*数据类型": "字符型", "数据长度": "18"},
        {"*信息项业务名称": "法人身份证号", "*信息项技术名称": "frsfzh", "*数据类型": "字符型", "是否脱敏": "是"},
        {"信息项名称": "成立日期", "数据类型": "日期型", "信息项描述": "营业执照签发日期"},
    ])
    assert schema["fields"] == [
        {"name": "tyshxydm", "type": "string", "title": "统一社会信用代码", "constraints": {"maxLength": 18}},
        {"name": "frsfzh", "type": "string", "title": "法人身份证号", "masked": True},
        {"name": "成立日期", "type": "date", "description": "营业执照签发日期"},
    ]


def test_validate_accepts_the_field_list_and_checks_its_types(write_csv):
    fields = [{"name": "jdmc", "title": "街道名称", "type": "字符型"}, {"name": "rk", "title": "人口", "type": "整数型"},
              {"name": "tjrq", "title": "统计日期", "type": "日期型"}]
    result = validate(write_csv([["街道名称", "人口", "统计日期"], ["公园街道", "五万", "2021年8月27日"]]), fields)
    assert [(e.row_number, e.field_number, e.field_name) for e in errors_of(result, "type-error")] == [(2, 2, "rk")]
    assert dict(result.counts) == {"type-error": 1}


def test_a_data_dictionary_json_file_is_accepted_as_schema(write_csv, tmp_path):
    dictionary = tmp_path / "信息项.json"
    dictionary.write_text(json.dumps([{"信息项名称": "人口", "数据类型": "整数型"}], ensure_ascii=False),
                          encoding="utf-8")
    assert dict(validate(write_csv([["人口"], ["十二"]]), dictionary).counts) == {"type-error": 1}


@pytest.mark.parametrize("fields, message", [
    ([{"数据类型": "字符型"}], "数据字典第1项没有信息项名称"),
    ([{"name": "人口", "type": "整数型"}, "人口"], "数据字典第2项没有信息项名称"),
    ([{"name": "人口", "type": "文字"}], "信息项“人口”的数据类型“文字”无法识别"),
])
def test_unusable_field_lists_are_schema_errors(fields, message):
    with pytest.raises(SchemaError) as raised:
        schema_from_fields(fields)
    assert raised.value.message == message
    assert raised.value.hint


@pytest.mark.parametrize("field", [
    {"name": "邮编", "constraints": {"pattern": "255(\\d{3}"}},
    {"name": "人数", "type": "integer", "constraints": {"minimum": "很多"}},
])
def test_unusable_constraints_are_schema_errors_not_crashes(write_csv, field):
    with pytest.raises(SchemaError, match="无法读取 Table Schema"):
        validate(write_csv([[field["name"]], ["1"]]), {"fields": [field]})
