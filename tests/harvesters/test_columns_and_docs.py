"""One synonym table: header matching, the published list schema and the docs stay generated from it."""

from __future__ import annotations

import json

import pytest

from zhangdian_harvesters import columns
from zhangdian_harvesters.columns import match_header
from zhangdian_harvesters.vocabularies import OPEN_ATTRIBUTE


@pytest.mark.parametrize(("header", "key"), [
    ("信息资源代码", "code"), ("*信息资源名称", "title"), ("＊数据资源目录名称", "title"),
    ("数据目录名称", "title"), ("来源部门", "provider"), ("开放类型", "open_attribute"),
    ("更新频率", "update_frequency"), ("重点领域", "theme"), ("数据量", "row_count"),
    ("数据更新时间", "data_updated"), ("是否向社会开放", "legacy_open"), ("信息资源提供方", "provider"),
    ("信息资源格式", "extra:信息资源格式"), ("数据时间范围(起)", "temporal_start"), (" 联系 电话 ", "contact_phone"),
    ("更新周期（必填）", "update_frequency"), ("Catalog_ID", "code"), ("信息项技术名称", "item_name"),
])
def test_headers_in_real_use_match_one_column(header, key):
    assert match_header(header).key == key


def test_unknown_header_matches_nothing():
    assert match_header("备注") is None


def test_every_header_is_a_synonym_of_exactly_one_column():
    seen = {}
    for column in columns.ALL_COLUMNS:
        for header in column.headers:
            assert seen.setdefault(columns.normalise_header(header), column.key) == column.key, header


def test_committed_list_schema_is_generated_from_the_columns():
    committed = json.loads(columns.LIST_SCHEMA_PATH.read_text(encoding="utf-8"))
    assert committed == columns.build_list_schema()
    assert [f["name"] for f in committed["fields"]][:2] == ["信息资源代码", "信息资源名称"]
    open_attribute = next(f for f in committed["fields"] if f["name"] == "开放属性")
    assert open_attribute["constraints"]["enum"] == list(OPEN_ATTRIBUTE.labels.values())


def test_list_schema_is_a_valid_frictionless_schema():
    frictionless = pytest.importorskip("frictionless")
    descriptor = json.loads(columns.LIST_SCHEMA_PATH.read_text(encoding="utf-8"))
    assert frictionless.Schema.validate_descriptor(descriptor).valid


def test_docs_embed_the_generated_synonym_table(repo_dir):
    docs = (repo_dir / "docs" / "harvesters.md").read_text(encoding="utf-8")
    assert columns.synonym_table_markdown() in docs, "update docs/harvesters.md from synonym_table_markdown()"
