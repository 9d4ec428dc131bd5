"""The real data.sd.gov.cn catalog seed (Shandong portal column names) read as a list."""

from __future__ import annotations

import pytest

from zhangdian_harvesters import ListHeaderError, read_list, to_dataset_dict

SEED = "sd_portal_wakaka/public_data_catalog_seed.csv"
UNKNOWN = ("city", "reliability_tier", "use_status", "intended_use", "quality_notes")


def test_seed_without_update_frequency_needs_a_default(realdata):
    with pytest.raises(ListHeaderError) as raised:
        read_list(realdata / SEED)
    assert raised.value.missing == ("更新周期",)
    assert raised.value.header_row == 1


def test_seed_columns_are_mapped_and_unknown_ones_reported(realdata):
    result = read_list(realdata / SEED, defaults={"更新周期": "不定期"})

    assert result.columns["catalog_id"] == "code" and result.columns["domain"] == "theme"
    assert result.columns["source_department"] == "provider"
    assert result.unknown_columns == UNKNOWN
    assert result.findings[0].code == "unknown_columns"
    assert result.findings[0].details == UNKNOWN
    assert len(result.records) == 51
    # the five catalogs whose 领域 is 暂无 (no theme): CKAN requires one
    assert [(p.row, p.cell, p.code) for p in result.problems] == [
        (7, "E7", "required"), (16, "E16", "required"), (19, "E19", "required"), (33, "E33", "required"),
        (54, "E54", "required")]


def test_seed_record_values(realdata):
    result = read_list(realdata / SEED, defaults={"更新周期": "不定期"})

    record = next(r for r in result.records if r.code == "6bca3e65b54149bc90e4f1a4417c980f")
    assert (record.title, record.theme, record.update_frequency) == (
        "威海市海洋生产总值（分区市）信息", "government", "irregular")
    assert (record.issued, record.data_updated, record.row_count) == ("2025-07-02", "2026-07-01", 24)
    assert (record.provider, record.data_format) == ("威海市海洋发展局", "CSV;API;RDF")
    assert record.extras["city"] == "威海"
    dataset = to_dataset_dict(record, "weihai-ocean")
    assert dataset["name"] == "zd-6bca3e65b54149bc90e4f1a4417c980f"


def test_seed_upper_case_catalog_ids_get_distinct_ascii_names(realdata):
    result = read_list(realdata / SEED, defaults={"更新周期": "不定期", "主题分类": "综合政务"})

    names = [to_dataset_dict(r, "org")["name"] for r in result.records]
    assert len(result.records) == 56 and len(set(names)) == 56
    assert all(name.isascii() and len(name) <= 100 for name in names)
