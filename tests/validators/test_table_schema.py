"""Item 2: validation against a Frictionless Table Schema — same error types, rows, columns and notes
as frictionless itself."""

from __future__ import annotations

import json

import frictionless
import pytest

from result_helpers import errors_of, where
from zhangdian_validators import SchemaError, validate

SCHEMA = {"fields": [
    {"name": "编号", "type": "integer", "constraints": {"required": True, "unique": True}},
    {"name": "单位名称", "type": "string", "constraints": {"minLength": 2, "maxLength": 10}},
    {"name": "街道", "type": "string", "constraints": {"enum": ["公园街道", "湖田街道"]}},
    {"name": "邮编", "type": "string", "constraints": {"pattern": "255\\d{3}"}},
    {"name": "人数", "type": "integer", "constraints": {"minimum": 0, "maximum": 1000}},
    {"name": "面积", "type": "number", "constraints": {"minimum": 0.5}},
    {"name": "成立日期", "type": "date"},
    {"name": "开放", "type": "boolean"},
]}
HEADER = [field["name"] for field in SCHEMA["fields"]]
GOOD = ["1", "张店公园", "公园街道", "255000", "12", "3.5", "2021-08-27", "true"]


def _row(**changes) -> list[str]:
    row = dict(zip(HEADER, GOOD), 编号="2")
    row.update(changes)
    return list(row.values())


CASES = [  # (row, error type, column, note)
    (_row(编号="一"), "type-error", 1, 'type is "integer/default"'),
    (_row(编号=""), "constraint-error", 1, 'constraint "required" is "True"'),
    (_row(单位名称="张"), "constraint-error", 2, 'constraint "minLength" is "2"'),
    (_row(单位名称="张店区公园街道办事处综合科"), "constraint-error", 2, 'constraint "maxLength" is "10"'),
    (_row(街道="马尚街道"), "constraint-error", 3, "constraint \"enum\" is \"['公园街道', '湖田街道']\""),
    (_row(邮编="25500"), "constraint-error", 4, 'constraint "pattern" is "255\\d{3}"'),
    (_row(人数="-1"), "constraint-error", 5, 'constraint "minimum" is "0"'),
    (_row(人数="1001"), "constraint-error", 5, 'constraint "maximum" is "1000"'),
    (_row(人数="12人"), "type-error", 5, 'type is "integer/default"'),
    (_row(面积="0.4"), "constraint-error", 6, 'constraint "minimum" is "0.5"'),
    (_row(面积="1,200"), "type-error", 6, 'type is "number/default"'),
    (_row(成立日期="2021-02-30"), "type-error", 7, 'type is "date/default"'),
    (_row(开放="是"), "type-error", 8, 'type is "boolean/default"'),
]


@pytest.mark.parametrize("row, error_type, column, note", CASES, ids=[c[3] for c in CASES])
def test_types_and_constraints(write_csv, row, error_type, column, note):
    result = validate(write_csv([HEADER, GOOD, row]), SCHEMA)
    assert result.counts == {error_type: 1}
    error = errors_of(result, error_type)[0]
    assert (error.row_number, error.field_number, error.field_name, error.note) == (3, column, HEADER[column - 1], note)


def test_findings_are_those_of_frictionless_itself(write_csv):
    rows = [[str(number), *row[1:]] if row[0] == "2" else row for number, (row, *_) in enumerate(CASES, start=3)]
    path = write_csv([HEADER, GOOD] + rows + [_row(编号="1")])
    ours = validate(path, SCHEMA)
    theirs = frictionless.validate(path.name, schema=frictionless.Schema.from_descriptor(SCHEMA),
                                   basepath=str(path.parent))
    summary = lambda errors: sorted((e.type, e.row_number, e.field_number, e.note) for e in errors)  # noqa: E731
    assert summary(ours.errors) == summary(theirs.tasks[0].errors)
    assert ours.counts["unique-error"] == 1


def test_valid_file(write_csv):
    result = validate(write_csv([HEADER, GOOD]), SCHEMA)
    assert (result.valid, result.status, result.counts, result.report.valid) == (True, "valid", {}, True)


def test_missing_extra_and_misordered_columns(write_csv):
    schema = {"fields": [{"name": "名称"}, {"name": "街道"}, {"name": "人数"}]}
    misordered = validate(write_csv([["街道", "名称", "人数"], ["公园街道", "甲", "1"]]), schema)
    assert [(e.field_number, e.label, e.field_name) for e in errors_of(misordered, "incorrect-label")] == [
        (1, "街道", "名称"), (2, "名称", "街道")]
    missing = validate(write_csv([["名称", "街道"], ["甲", "公园街道"]]), schema)
    assert [(e.field_number, e.field_name) for e in errors_of(missing, "missing-label")] == [(3, "人数")]
    assert where(missing, "missing-cell") == [(2, 3)]
    extra = validate(write_csv([["名称", "街道", "人数", "备注"], ["甲", "公园街道", "1", "无"]]), schema)
    assert [(e.field_number, e.label) for e in errors_of(extra, "extra-label")] == [(4, "备注")]
    assert where(extra, "extra-cell") == [(2, 4)]


def test_field_titles_are_accepted_as_column_labels(write_csv):
    schema = {"fields": [{"name": "name", "title": "名称"}, {"name": "count", "title": "人数", "type": "integer"}]}
    assert validate(write_csv([["名称", "人数"], ["甲", "1"]]), schema).valid


def test_blank_and_ragged_rows(write_csv):
    schema = {"fields": [{"name": "名称"}, {"name": "人数", "type": "integer"}]}
    result = validate(write_csv([["名称", "人数"], ["甲", "1"], [], ["", ""], ["乙"], ["丙", "2", "多余"]]), schema)
    assert where(result, "blank-row") == [(3, None), (4, None)]
    assert where(result, "missing-cell") == [(5, 2)]
    assert where(result, "extra-cell") == [(6, 3)]
    assert errors_of(result, "extra-cell")[0].cell == "多余"


def test_missing_values_declared_by_the_schema_are_empty(write_csv, tmp_path):
    schema = {"missingValues": ["", "-", "—"], "fields": [{"name": "名称"}, {"name": "人数", "type": "integer"}]}
    output = tmp_path / "out.csv"
    result = validate(write_csv([["名称", "人数"], ["甲", "-"], ["乙", "—"]]), schema, output=output)
    assert result.valid
    assert output.read_text(encoding="utf-8-sig") == "名称,人数\n甲,\n乙,\n"


def test_schema_json_file(write_csv, tmp_path):
    schema_path = tmp_path / "schema.json"
    schema_path.write_text(json.dumps(SCHEMA, ensure_ascii=False), encoding="utf-8")
    assert validate(write_csv([HEADER, _row(人数="十二")]), schema_path).counts == {"type-error": 1}


def test_schema_built_from_the_departments_field_list(write_csv):
    from zhangdian_harvesters import info_items_to_table_schema

    schema = info_items_to_table_schema([
        {"name": "jdmc", "title": "街道名称", "type": "string"},
        {"name": "rk", "title": "人口", "type": "integer", "unit": "人"},
        {"name": "fj", "title": "附件", "type": "binary"},
    ])
    result = validate(write_csv([["街道名称", "人口", "附件"], ["公园街道", "五万", ""]]), schema)
    assert [(e.row_number, e.field_name) for e in errors_of(result, "type-error")] == [(2, "rk")]


@pytest.mark.parametrize("schema, message", [
    ({"fields": "名称"}, "Table Schema 须有 fields 列表，每个字段都有 name"),
    ({"fields": [{"title": "名称"}]}, "Table Schema 须有 fields 列表，每个字段都有 name"),
    ({"fields": [{"name": "名称", "type": "text"}]}, "字段“名称”的类型“text”不受支持"),
])
def test_invalid_schema_is_a_schema_error(write_csv, schema, message):
    with pytest.raises(SchemaError) as raised:
        validate(write_csv([["名称"], ["甲"]]), schema)
    assert raised.value.message == message


def test_unreadable_schema_file(write_csv, tmp_path):
    broken = tmp_path / "schema.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(SchemaError, match="无法读取 Table Schema"):
        validate(write_csv([["名称"], ["甲"]]), broken)
