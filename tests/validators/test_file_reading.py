"""Item 1: what departments really send — encodings, line endings, workbooks, JSON, title and totals
rows — and the normalised UTF-8 CSV."""

from __future__ import annotations

import pytest

from result_helpers import errors_of, where
from zhangdian_validators import SheetNotFoundError, UnreadableFileError, reading, validate

# Characters in GBK but not in GB2312: a GB2312 decoder loses them, GB18030 keeps them.
GBK_ONLY_NAMES = ["王喆", "李堃", "张昇"]
TABLE = [["姓名", "街道", "人数"]] + [[name, "公园街道", str(number)] for number, name in enumerate(GBK_ONLY_NAMES, 1)]


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030")])
def test_text_encodings_are_detected_and_nothing_is_lost(write_csv, encoding, expected):
    for name in GBK_ONLY_NAMES:
        with pytest.raises(UnicodeEncodeError):
            name.encode("gb2312")
    result = validate(write_csv(TABLE, encoding=encoding))
    assert result.table.encoding == expected
    assert result.table.labels == ["姓名", "街道", "人数"]
    assert [cells[0] for _, cells in result.table.rows()] == GBK_ONLY_NAMES
    assert result.status == "valid"


def test_gb18030_four_byte_characters_survive(write_csv):
    result = validate(write_csv([["名称"], ["𠀀字库扩展B"], ["𪚥"]], encoding="gb18030"))
    assert [cells for _, cells in result.table.rows()] == [["𠀀字库扩展B"], ["𪚥"]]


def test_gbk_file_whose_first_megabyte_is_ascii_is_still_decoded(tmp_path):
    path = tmp_path / "长文件.csv"
    path.write_bytes(("编号,名称\n" + "1,abc\n" * 200_000 + "2,张店区\n").encode("gbk"))
    result = validate(path)
    assert result.table.encoding == "gb18030"
    assert list(result.table.rows())[-1] == (200_002, ["2", "张店区"])


def test_crlf_and_lf_files_read_the_same_rows_and_quoted_line_breaks_stay_in_the_cell(write_csv):
    table = [["名称", "备注"], ["甲", "第一行\r\n第二行"], ["乙", ""]]
    crlf = validate(write_csv(table, name="crlf.csv"))
    lf = validate(write_csv(table, name="lf.csv", lineterminator="\n"))
    assert list(crlf.table.rows()) == list(lf.table.rows()) == [(2, ["甲", "第一行\r\n第二行"]), (3, ["乙", ""])]


def test_xlsx_first_sheet_by_default_and_a_named_sheet(write_xlsx):
    path = write_xlsx({"汇总": [["名称", "数量"], ["甲", 1]], "明细": [["名称", "金额"], ["乙", 2.5], ["丙", 3.0]]})
    first = validate(path)
    named = validate(path, sheet="明细")
    assert (first.table.sheet, first.table.labels, list(first.table.rows())) == ("汇总", ["名称", "数量"], [(2, ["甲", "1"])])
    assert (named.table.sheet, list(named.table.rows())) == ("明细", [(2, ["乙", "2.5"]), (3, ["丙", "3"])])


def test_xls_first_sheet_by_default_and_a_named_sheet(write_xls):
    path = write_xls({"汇总": [["名称", "数量"], ["甲", 1]], "明细": [["名称", "金额"], ["乙", 2.5]]})
    first = validate(path)
    named = validate(path, sheet="明细")
    assert (first.table.format, first.table.sheet, list(first.table.rows())) == ("xls", "汇总", [(2, ["甲", "1"])])
    assert (named.table.sheet, named.table.labels, list(named.table.rows())) == ("明细", ["名称", "金额"], [(2, ["乙", "2.5"])])


def test_xls_with_an_empty_first_column_keeps_excel_column_numbers(write_xls):
    result = validate(write_xls({"表": [["", "名称", "数量"], ["", "甲", "十"]]}),
                      {"fields": [{"name": "序号"}, {"name": "名称"}, {"name": "数量", "type": "integer"}]})
    assert where(result, "type-error") == [(2, 3)]


@pytest.mark.parametrize("maker", ["write_xlsx", "write_xls"])
def test_wrong_sheet_name_lists_the_sheets_there_are(request, maker):
    path = request.getfixturevalue(maker)({"数据": [["名称"], ["甲"]], "说明": [["注"]]})
    with pytest.raises(SheetNotFoundError) as raised:
        validate(path, sheet="Sheet1")
    assert raised.value.message == "找不到工作表“Sheet1”"
    assert raised.value.hint == "工作簿中的工作表有：数据、说明。"


def test_sheet_option_on_a_csv_is_an_error(write_csv):
    with pytest.raises(SheetNotFoundError, match="CSV 文件没有工作表“数据”"):
        validate(write_csv(TABLE), sheet="数据")


def test_json_array_of_objects(write_json):
    result = validate(write_json([{"名称": "甲", "数量": 1}, {"名称": "乙", "数量": 2.5, "备注": "新增"}]))
    assert result.table.labels == ["名称", "数量"]
    assert list(result.table.rows()) == [(2, ["甲", "1"]), (3, ["乙", "2.5", "新增"])]
    assert where(result, "extra-cell") == [(3, 3)]


def test_json_array_of_arrays(write_json):
    result = validate(write_json([["名称", "数量"], ["甲", 1], ["乙", None]]))
    assert list(result.table.rows()) == [(2, ["甲", "1"]), (3, ["乙", ""])]


def test_portal_json_with_field_dictionary_line(write_json):
    dictionary = [{"name_cn": "街道名称", "name_en": "jdmc"}, {"name_cn": "人口", "name_en": "rk"}]
    result = validate(write_json(dictionary, [{"rk": 52000, "jdmc": "公园街道"}, {"jdmc": "湖田街道"}]))
    assert result.table.labels == ["街道名称", "人口"]
    assert list(result.table.rows()) == [(2, ["公园街道", "52000"]), (3, ["湖田街道", ""])]


def test_json_is_streamed_element_by_element_across_chunk_boundaries(write_json, monkeypatch):
    monkeypatch.setattr(reading, "JSON_CHUNK_CHARS", 7)
    records = [{"编号": 123456789 + n, "名称": f"单位{n}"} for n in range(50)]
    result = validate(write_json(records))
    assert [cells for _, cells in result.table.rows()] == [[str(r["编号"]), r["名称"]] for r in records]


@pytest.mark.parametrize("text, message", [
    ('[{"a": 1', "JSON 文件无法解析"),
    ('[{"a": 1}', "JSON 文件不完整（数组没有结束）"),
    ('[{"a": 1}]\n[{"a": 2}]', "JSON 文件含有多余的 JSON 数组"),
    ("[1, 2]", "JSON 数组的元素应为对象或数组"),
    ("[]", "JSON 文件中的数组是空的"),
])
def test_malformed_json_is_a_clear_error(tmp_path, text, message):
    path = tmp_path / "坏.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnreadableFileError, match=message):
        validate(path)


def test_title_rows_above_the_header_are_reported_not_silently_skipped(write_csv):
    path = write_csv([["2024年张店区企业名录", "", ""], ["单位：家", "", ""], *TABLE])
    result = validate(path)
    assert result.table.header_row == 3
    assert result.table.labels == ["姓名", "街道", "人数"]
    assert [(e.row_number, e.note) for e in errors_of(result, "title-row")] == [
        (1, "2024年张店区企业名录"), (2, "单位：家")]
    assert result.status == "invalid"


def test_header_below_title_rows_is_found_by_the_schema_labels(write_csv):
    schema = {"fields": [{"name": "name", "title": "姓名"}, {"name": "street", "title": "街道"}, {"name": "count", "title": "人数"}]}
    result = validate(write_csv([["张店区 人口 统计 表 2024"], *TABLE]), schema)
    assert result.table.header_row == 2
    assert result.counts == {"title-row": 1}


@pytest.mark.parametrize("label", ["合计", "总计", "小 计", "全区合计", "合计："])
def test_totals_rows_are_reported(write_csv, label):
    result = validate(write_csv([["街道", "人数"], ["公园街道", "5"], [label, "5"]]))
    assert [(e.row_number, e.note) for e in errors_of(result, "totals-row")] == [(3, label.strip())]


def test_a_street_named_like_a_total_is_not_a_totals_row(write_csv):
    assert validate(write_csv([["单位", "人数"], ["合计划生育服务站", "5"]])).valid


def test_normalised_csv_is_utf8_lf_iso_dates_and_byte_identical_across_runs(write_csv, tmp_path):
    schema = {"fields": [{"name": "名称"}, {"name": "日期", "type": "date"}, {"name": "开放", "type": "boolean"}]}
    source = write_csv([["名称", "日期", "开放"], ["张店", "2021年8月27日", "TRUE"], [], ["淄博", "20210827", "0"]],
                       encoding="gbk")
    first, second = tmp_path / "一.csv", tmp_path / "二.csv"
    validate(source, schema, output=first)
    validate(source, schema, output=second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == ("\ufeff名称,日期,开放\n张店,2021-08-27,true\n淄博,2021-08-27,false\n").encode("utf-8")


def test_short_gbk_file_that_is_also_valid_utf8_is_read_as_chinese(tmp_path):
    from zhangdian_validators.encoding import detect_encoding

    path = tmp_path / "short.csv"
    path.write_bytes("line,length\r\n1路,12.5\r\n".encode("gbk"))  # 路 = C2 B7, also UTF-8 for "·"

    assert detect_encoding(path) == "gb18030"


def test_utf8_latin_text_without_chinese_stays_utf8(tmp_path):
    from zhangdian_validators.encoding import detect_encoding

    path = tmp_path / "latin.csv"
    path.write_text("name,price\nCafé,3·5\n", encoding="utf-8")

    assert detect_encoding(path) == "utf-8"
