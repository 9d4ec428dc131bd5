"""Row validation of our own list format (CSV/XLSX/JSON): exact rows, cell references and messages."""

from __future__ import annotations

import datetime as dt

import pytest
from list_helpers import as_table, row

from zhangdian_harvesters import (
    ListEmptyError,
    ListHeaderError,
    ListUnreadableError,
    read_list,
)


def test_valid_row_becomes_a_normalised_record(write_csv, tmp_path):
    path = write_csv(as_table([row(1, 数据更新时间="2021年8月27日", 发布日期="2021/8/27", 复审日期="20210827",
                                   联系电话="+86 138 0000 0000", 数据格式="csv、xlsx")]))

    result = read_list(path)

    assert result.ok and result.problems == () and result.findings == ()
    record = result.records[0]
    assert (record.row, record.code, record.title) == (2, "370303-jt-0001", "张店区公交线路信息1")
    assert (record.theme, record.update_frequency, record.open_attribute) == ("transport", "monthly",
                                                                            "unconditional")
    assert (record.data_updated, record.issued, record.review_date) == ("2021-08-27", "2021-08-27",
                                                                       "2021-08-27")
    assert record.contact_phone == "13800000000"
    assert record.keywords == ("公交", "线路")
    assert record.row_count == 128
    assert record.data_format == "CSV;XLSX"
    assert record.data_file == str(tmp_path.resolve() / "data" / "bus_routes.csv")
    assert [(i.name, i.title, i.type, i.unit) for i in record.info_items] == [
        ("line_name", "线路名称", "string", ""), ("length", "线路长度", "number", "千米")]
    assert record.policy_problem is None and result.publishable == (record,)


def test_bad_vocabulary_value_names_row_cell_value_and_allowed_values(write_csv):
    path = write_csv(as_table([row(1), row(2, 更新周期="每两周")]))

    result = read_list(path)

    assert [r.code for r in result.records] == ["370303-jt-0001"]
    (problem,) = result.problems
    assert (problem.row, problem.cell, problem.column, problem.value, problem.code) == (
        3, "K3", "更新周期", "每两周", "vocabulary")
    assert problem.message == ("第3行“更新周期”（K3）：“每两周”不是可选值。可选值：实时、每日、每周、每月、每季度、"
                               "每半年、每年、不定期、不更新、其他")
    assert problem.hint == "请改为可选值之一（模板的下拉列表中可以选择）。"


def test_vocabulary_synonyms_and_full_width_forms_are_accepted(write_csv):
    path = write_csv(as_table([row(1, 更新周期="月度", 主题分类="交通出行", 开放属性="普遍开放")]))

    record = read_list(path).records[0]

    assert (record.update_frequency, record.theme, record.open_attribute) == ("monthly", "transport",
                                                                            "unconditional")


def test_duplicate_code_is_an_error_on_the_later_row(write_csv):
    path = write_csv(as_table([row(1), row(2), row(3, 信息资源代码="370303-jt-0001")]))

    result = read_list(path)

    assert [r.row for r in result.records] == [2, 3]
    (problem,) = result.problems
    assert (problem.row, problem.cell, problem.code) == (4, "A4", "duplicate_code")
    assert problem.message == "第4行“信息资源代码”（A4）：信息资源代码“370303-jt-0001”与第2行重复"


def test_names_duplicated_modulo_punctuation_whitespace_and_width_are_an_error(write_csv):
    path = write_csv(as_table([row(1, 信息资源名称="张店区公交线路（2024）"),
                               row(2, 信息资源名称="张店区 公交线路(２０２４)。")]))

    (problem,) = read_list(path).problems

    assert (problem.row, problem.cell, problem.code) == (3, "B3", "duplicate_title")
    assert "与第2行的“张店区公交线路（2024）”重复" in problem.message


def test_missing_open_attribute_means_unconditionally_open(write_csv):
    record = read_list(write_csv(as_table([row(1, 开放属性="")]))).records[0]

    assert record.open_attribute == "unconditional" and record.publishable_as_open


def test_conditional_without_conditions_or_basis_is_a_policy_finding_not_an_error(write_csv):
    path = write_csv(as_table([row(1), row(2, 开放属性="有条件开放")]))

    result = read_list(path)

    assert result.ok and len(result.records) == 2
    record = result.records[1]
    assert record.open_attribute == "conditional" and not record.publishable_as_open
    assert [(p.code, p.cell) for p in record.policy_problems] == [
        ("conditions_missing", "G3"), ("basis_missing", "I3"), ("reason_missing", "H3")]
    assert record.policy_problem.startswith("第3行“开放条件”（G3）：开放属性为“有条件开放”，但未填写开放条件；")
    assert result.publishable == (result.records[0],)
    (finding,) = result.findings
    assert (finding.code, finding.rows, finding.cells) == ("policy", (3,), ("G3", "I3", "H3"))
    assert finding.message.startswith("张店区公交线路信息2（370303-jt-0002）：")


def test_closed_with_reason_and_basis_has_no_policy_problem(write_csv):
    path = write_csv(as_table([row(1, 开放属性="不予开放", 不予开放依据类型="涉及个人信息",
                                   法律法规依据="《中华人民共和国个人信息保护法》第二十八条")]))

    record = read_list(path).records[0]

    assert (record.open_attribute, record.exception_reason) == ("closed", "sensitive")
    assert record.policy_problem is None


def test_legacy_yes_no_column_maps_to_open_attributes(write_csv):
    headers = ["信息资源代码", "信息资源名称", "主题分类", "更新周期", "是否向社会开放", "开放条件", "法律法规依据",
               "不予开放依据类型"]
    path = write_csv(as_table([
        row(1, 是否向社会开放="是"),
        row(2, 是否向社会开放="否", 法律法规依据="《保守国家秘密法》", 不予开放依据类型="法律法规"),
        row(3, 是否向社会开放="是", 开放条件="实名注册后申请", 法律法规依据="《数据安全法》第二十一条",
            不予开放依据类型="政策文件"),
    ], headers))

    records = read_list(path).records

    assert [r.open_attribute for r in records] == ["unconditional", "closed", "conditional"]
    assert all(r.publishable_as_open for r in records)


@pytest.mark.parametrize(("column", "value", "cell", "code"), [
    ("联系电话", "2181234", "R2", "phone"),
    ("行政区划代码", "37030", "M2", "division"),
    ("数据更新时间", "2021-02-30", "L2", "date"),
    ("发布日期", "2181-02-06 00:00:00.0", "P2", "date_year"),
    ("数据量", "约100条", "T2", "integer"),
    ("联系邮箱", "zdjt@", "S2", "email"),
    ("信息资源代码", "交通-01", "A2", "code_pattern"),
    ("关键词", "水，公交", "E2", "keyword"),
    ("数据文件", "../../etc/passwd", "V2", "data_file_outside"),
    ("数据文件", "file:///etc/passwd", "V2", "data_file_scheme"),
    ("主题分类", "", "D2", "required"),
])
def test_bad_cell_values_are_row_problems(write_csv, column, value, cell, code):
    result = read_list(write_csv(as_table([row(1, **{column: value})])))

    assert result.records == ()
    assert [(p.row, p.cell, p.column, p.code) for p in result.problems] == [(2, cell, column, code)]


def test_item_syntax_errors_point_at_the_items_cell(write_csv):
    path = write_csv(as_table([row(1, 信息项="line_name|线路名称；length|线路长度|米制")]))

    problems = read_list(path).problems

    assert [(p.cell, p.code) for p in problems] == [("U2", "item_syntax"), ("U2", "item_type")]
    assert problems[0].message == "第2行“信息项”（U2）：信息项“line_name|线路名称”缺少数据类型"


def test_temporal_end_before_start_is_an_error(write_csv):
    path = write_csv(as_table([row(1, **{"数据时间范围（起）": "2024-01-01", "数据时间范围（止）": "2023年12月31日"})]))

    (problem,) = read_list(path).problems

    assert (problem.cell, problem.code) == ("O2", "temporal_order")


def test_division_names_and_landlines_in_parentheses_are_normalised(write_csv):
    record = read_list(write_csv(as_table([row(1, 行政区划代码="车站街道", 联系电话="(0533)2181234")]))).records[0]

    assert (record.spatial_code, record.contact_phone) == ("370303001", "0533-2181234")


def test_unknown_columns_are_reported_and_kept(write_csv):
    headers = ["信息资源代码", "信息资源名称", "主题分类", "更新周期", "备注", "负责科室"]
    path = write_csv(as_table([row(1, 备注="试点", 负责科室="数据科")], headers))

    result = read_list(path)

    assert result.unknown_columns == ("备注", "负责科室")
    (finding,) = result.findings
    assert (finding.code, finding.cells, finding.details) == ("unknown_columns", ("E1", "F1"), ("备注", "负责科室"))
    assert finding.message.startswith("有 2 个列名无法识别：“备注”、“负责科室”。")
    assert result.records[0].extras == {"备注": "试点", "负责科室": "数据科"}


def test_defaults_fill_blank_cells_and_missing_columns(write_csv):
    headers = ["信息资源代码", "信息资源名称", "主题分类"]
    path = write_csv(as_table([row(1)], headers))

    record = read_list(path, defaults={"更新周期": "不定期"}).records[0]

    assert record.update_frequency == "irregular"


def test_instruction_rows_above_the_header_are_skipped_and_rows_keep_their_numbers(write_csv):
    table = as_table([row(1), row(2, 联系电话="123")])
    path = write_csv([["填表说明：一行一个信息资源"], [], *table])

    result = read_list(path)

    assert result.header_row == 3
    assert [(p.row, p.cell) for p in result.problems] == [(5, "R5")]


def test_comment_and_example_rows_are_skipped_with_a_finding(write_csv):
    path = write_csv(as_table([row(1, 信息资源代码="#示例 370303-jt-0001"), row(2)]))

    result = read_list(path)

    assert [r.row for r in result.records] == [3]
    assert result.comment_rows == (2,)
    assert [f.code for f in result.findings] == ["comment_rows"]


def test_gbk_list_without_bom_is_decoded(write_csv):
    path = write_csv(as_table([row(1, 信息资源摘要="淄博市张店区公共交通线路、站点及首末班时间信息，按月更新。")]),
                     encoding="gbk")

    result = read_list(path)

    assert result.encoding == "gb18030"
    assert result.records[0].notes == "淄博市张店区公共交通线路、站点及首末班时间信息，按月更新。"


def test_xlsx_list_with_typed_cells(write_xlsx):
    table = as_table([row(1)])
    headers = table[0]
    values = table[1]
    values[headers.index("数据更新时间")] = dt.datetime(2021, 8, 27)
    values[headers.index("联系电话")] = 13800000000
    values[headers.index("行政区划代码")] = 370303
    values[headers.index("数据量")] = 128.0
    path = write_xlsx({"清单": [headers, values]})

    result = read_list(path)

    record = result.records[0]
    assert (result.file_format, result.sheet) == ("xlsx", "清单")
    assert (record.data_updated, record.contact_phone, record.spatial_code, record.row_count) == (
        "2021-08-27", "13800000000", "370303", 128)


def test_json_list_with_item_objects_and_record_references(write_json):
    path = write_json([
        {"信息资源代码": "370303-jt-0001", "信息资源名称": "公交线路", "主题分类": "交通运输", "更新周期": "每月",
         "信息项": [{"字段名": "line_name", "中文名称": "线路名称", "数据类型": "字符型"},
                  {"name": "length", "title": "线路长度", "type": "number", "unit": "千米"}]},
        {"信息资源代码": "370303-jt-0002", "信息资源名称": "公交站点", "主题分类": "交通运输", "更新周期": "每月",
         "联系电话": "12345"},
    ])

    result = read_list(path)

    assert [(i.name, i.type, i.unit) for i in result.records[0].info_items] == [
        ("line_name", "string", ""), ("length", "number", "千米")]
    (problem,) = result.problems
    assert (problem.row, problem.cell) == (2, "记录2.联系电话")
    assert problem.message.startswith("第2条记录“联系电话”（记录2.联系电话）：")


def test_header_only_list_is_an_error_not_an_empty_success(write_csv):
    with pytest.raises(ListEmptyError) as raised:
        read_list(write_csv(as_table([])))
    assert raised.value.message.endswith("没有数据行")


def test_list_without_code_column_raises_header_error(write_csv):
    headers = ["资源名称", "主题分类", "更新周期"]
    with pytest.raises(ListHeaderError) as raised:
        read_list(write_csv(as_table([row(1)], headers)))
    assert raised.value.missing == ("信息资源代码",)
    assert raised.value.header_row == 1
    assert "缺少必填列：信息资源代码（表头在第 1 行" in raised.value.message


def test_list_without_any_known_header_raises_header_error(write_csv):
    with pytest.raises(ListHeaderError) as raised:
        read_list(write_csv([["a", "b"], ["1", "2"]]))
    assert raised.value.code == "no_header"


def test_two_columns_meaning_the_same_field_raise_header_error(write_csv):
    headers = ["信息资源代码", "信息资源名称", "资源名称", "主题分类", "更新周期"]
    with pytest.raises(ListHeaderError) as raised:
        read_list(write_csv(as_table([row(1)], headers)))
    assert raised.value.code == "duplicate_header"


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "文件是空的"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Excel"),
    (b"PK\x03\x04not really a zip", "不是有效的 XLSX"),
    (b"[{\"a\": 1", "不是有效的 UTF-8 JSON"),
    (b"{\"a\": 1}", "JSON 清单必须是对象数组"),
])
def test_unreadable_lists_raise(tmp_path, content, reason):
    path = tmp_path / "清单.bin"
    path.write_bytes(content)
    with pytest.raises(ListUnreadableError) as raised:
        read_list(path)
    assert reason in raised.value.message


def test_missing_file_raises_unreadable(tmp_path):
    with pytest.raises(ListUnreadableError):
        read_list(tmp_path / "没有这个文件.csv")


def test_database_column_types_and_colon_syntax_are_accepted_in_the_items_cell(write_csv):
    path = write_csv(as_table([row(1, 信息项="id:编号:INT；name：名称：VARCHAR2；amount:金额:数值:万元")]))

    items = read_list(path).records[0].info_items

    assert [(i.name, i.title, i.type, i.unit) for i in items] == [
        ("id", "编号", "integer", ""), ("name", "名称", "string", ""), ("amount", "金额", "number", "万元")]


def test_note_rows_below_the_table_are_skipped(write_csv):
    table = as_table([row(1)]) + [["注：本清单由张店区交通运输局编制"]]

    result = read_list(write_csv(table))

    assert result.ok and result.comment_rows == (3,)


def test_policy_problem_for_a_missing_column_points_at_the_open_attribute_cell(write_csv):
    headers = ["信息资源代码", "信息资源名称", "主题分类", "更新周期", "开放属性"]
    path = write_csv(as_table([row(1, 开放属性="不予开放")], headers))

    record = read_list(path).records[0]

    assert [(p.code, p.column, p.cell) for p in record.policy_problems] == [
        ("basis_missing", "法律法规依据", "E2"), ("reason_missing", "不予开放依据类型", "E2")]


def test_data_under_an_empty_header_cell_is_reported(write_csv):
    headers = ["信息资源代码", "信息资源名称", "主题分类", "更新周期", "", ""]
    table = as_table([row(1)], headers)
    table[1][4] = "说明文字"

    result = read_list(write_csv(table))

    (finding,) = result.findings
    assert (finding.code, finding.cells) == ("unnamed_columns", ("E1",))
    assert finding.message.startswith("表头单元格 E1 是空的，但这些列下面有数据")
