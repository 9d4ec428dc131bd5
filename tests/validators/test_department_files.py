"""The real files in ../shared/realdata: every known problem of theirs is reported (never silently fixed)."""

from __future__ import annotations

import pytest

from result_helpers import errors_of, where
from zhangdian_validators import UnreadableFileError, render_text, validate

FISHING_VESSELS_SCHEMA = {"fields": [
    {"name": "作业方式"}, {"name": "建造完工日期", "type": "date"}, {"name": "所有人"}, {"name": "作业海域"},
    {"name": "主机功率", "type": "number"}, {"name": "企业名称"}, {"name": "总吨位", "type": "number"},
    {"name": "船长姓名"}, {"name": "渔船国籍"}, {"name": "船名号", "constraints": {"unique": True}},
]}
DISTRICTS = ["环翠区", "文登区", "荣成市", "乳山市", "高技区", "经技区", "临港区", "南海新区"]
MARINE_GDP_SCHEMA = {"fields": [{"name": "年份/季度", "type": "date"}]
                     + [{"name": f"{district}（亿元）", "type": "number"} for district in DISTRICTS]
                     + [{"name": "备注"}]}
# 年份/季度 values that are not dates: 201902-style codes and 2023 (a year only); 三季度 has no year.
MARINE_GDP_ACCEPTED_ROWS = {15, 21, 22, 23}  # 2021年第二季度, 2022年4季度, 2023年一季度, 2023年二季度


@pytest.fixture(scope="module")
def portal(realdata):
    return realdata / "sd_portal_wakaka"


@pytest.fixture(scope="module")
def fishing_vessels(portal):
    return validate(portal / "weihai_distant_fishing_vessels_GBK.csv", FISHING_VESSELS_SCHEMA)


def test_fishing_vessels_gbk_is_decoded_as_gb18030_without_losing_characters(fishing_vessels):
    assert fishing_vessels.table.encoding == "gb18030"
    assert fishing_vessels.table.labels[0] == "作业方式"
    assert fishing_vessels.table.labels[-1] == "船名号"
    assert fishing_vessels.rows == 352


def test_fishing_vessels_350_impossible_construction_years_are_reported(fishing_vessels):
    assert fishing_vessels.counts["cn-impossible-year"] == 350
    first = errors_of(fishing_vessels, "cn-impossible-year")[0]
    assert (first.row_number, first.field_number, first.field_name) == (2, 2, "建造完工日期")
    assert first.message == "第2行第2列日期“2181-02-06 00:00:00.0”的年份不合理：2181 年"


def test_fishing_vessels_two_junk_rows_of_zeros_are_reported(fishing_vessels):
    assert where(fishing_vessels, "junk-row") == [(265, None), (353, None)]


def test_fishing_vessels_duplicate_vessel_names_are_unique_errors(fishing_vessels):
    duplicates = errors_of(fishing_vessels, "unique-error")
    assert [(e.row_number, e.field_number, e.cell) for e in duplicates] == [(329, 10, "鲁乳远渔669"), (353, 10, "0")]
    assert duplicates[0].note == "the same as in the row at position 240"
    assert fishing_vessels.status == "invalid"


def test_fishing_vessels_without_a_schema_still_finds_the_date_column(portal):
    result = validate(portal / "weihai_distant_fishing_vessels_GBK.csv")
    assert result.counts["cn-impossible-year"] == 350
    assert result.counts["junk-row"] == 2


def test_fishing_vessels_json_export_has_the_same_impossible_years_as_epoch_milliseconds(portal):
    result = validate(portal / "weihai_distant_fishing_vessels.json")
    assert result.counts["cn-impossible-year"] == 350
    assert errors_of(result, "cn-impossible-year")[0].note == "2181 年"


@pytest.fixture(scope="module")
def marine_gdp(portal):
    return validate(portal / "weihai_marine_gdp_by_district_GBK.csv", MARINE_GDP_SCHEMA)


def test_marine_gdp_gbk_csv_is_decoded(marine_gdp):
    assert marine_gdp.table.encoding == "gb18030"
    assert marine_gdp.table.labels[0] == "年份/季度"
    assert marine_gdp.table.labels[2] == "文登区（亿元）"
    assert marine_gdp.rows == 24


def test_marine_gdp_mixed_period_labels_are_type_errors_except_chinese_quarters(marine_gdp):
    type_errors = errors_of(marine_gdp, "type-error")
    assert {e.field_number for e in type_errors} == {1}
    assert {e.row_number for e in type_errors} == set(range(2, 26)) - MARINE_GDP_ACCEPTED_ROWS - {24}
    assert {e.cell for e in type_errors} >= {"201902", "2023"}
    assert marine_gdp.counts == {"type-error": 19, "cn-period-without-year": 1}


def test_marine_gdp_quarter_without_a_year_is_flagged(marine_gdp):
    assert [(e.row_number, e.field_number, e.cell) for e in errors_of(marine_gdp, "cn-period-without-year")] == [
        (24, 1, "三季度")]
    assert "■ 期间缺少年份：1 处" in render_text(marine_gdp)


def test_marine_gdp_chinese_quarter_is_normalised_to_its_first_day(portal, tmp_path):
    output = tmp_path / "normalised.csv"
    validate(portal / "weihai_marine_gdp_by_district_GBK.csv", MARINE_GDP_SCHEMA, output=output)
    lines = output.read_text(encoding="utf-8-sig").splitlines()
    assert lines[14].startswith("2021-04-01,")  # row 15 of the file: 2021年第二季度
    assert lines[20].startswith("2022-10-01,")  # row 21: 2022年4季度


def test_marine_gdp_portal_json_export_with_its_field_dictionary_line_is_read(portal):
    """The portal's JSON is two JSON values on two lines: [{name_cn, name_en}] then the records keyed
    by name_en. It is read as one table whose header is the name_cn titles, so the CSV's schema fits."""
    result = validate(portal / "weihai_marine_gdp_by_district.json", MARINE_GDP_SCHEMA)
    assert result.table.format == "json"
    assert result.table.labels == [field["name"] for field in MARINE_GDP_SCHEMA["fields"]]
    assert result.rows == 24
    assert result.counts == {"type-error": 19, "cn-period-without-year": 1}
    assert where(result, "cn-period-without-year") == [(24, 1)]


def test_portal_refusal_json_is_a_clear_error(portal):
    with pytest.raises(UnreadableFileError) as raised:
        validate(portal / "download_blocked_response.json")
    assert raised.value.message == ("JSON 文件是一个对象（键：code、error）而不是数组，"
                                    "可能是下载失败时返回的说明而不是数据")


def test_catalog_template_merged_rows_above_the_header_are_reported_as_title_rows(realdata):
    result = validate(realdata / "kweaver_dsg" / "数据资源目录导入模板.xlsx")
    assert result.table.sheet == "数据资源目录导入"
    assert result.table.header_row == 3
    assert result.table.labels[:2] == ["挂接资源名称", "*数据资源目录名称"]
    assert where(result, "title-row") == [(1, None), (2, None)]
    assert errors_of(result, "title-row")[1].note == "基本属性 资源属性分类 共享开放信息 更多信息"
    assert errors_of(result, "title-row")[0].note.startswith("填表说明： *号代表必填")
    assert "■ 表头上方的标题行：2 处" in render_text(result)


def test_catalog_template_named_sheet(realdata):
    result = validate(realdata / "kweaver_dsg" / "数据资源目录导入模板.xlsx", sheet="信息项导入")
    assert result.table.sheet == "信息项导入"
    assert result.table.header_row == 2
    assert result.table.labels[:3] == ["*数据资源目录名称", "*信息项业务名称", "*信息项技术名称"]
    assert where(result, "title-row") == [(1, None)]
