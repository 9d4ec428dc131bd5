"""1272-style lists: header row found below instructions, one row per 信息项 under merged resource cells,
信息项 in a separate sheet — on the real kweaver 数据资源目录导入模板 and on small synthetic lists."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from zhangdian_harvesters import ListHeaderError, read_list

KWEAVER = "kweaver_dsg/数据资源目录导入模板.xlsx"


@pytest.fixture
def kweaver_template(realdata, tmp_path):
    """A copy of the real template in tmp_path (the real file is never modified or copied into the repo)."""
    path = tmp_path / "数据资源目录导入模板.xlsx"
    shutil.copyfile(realdata / KWEAVER, path)
    return path


def test_real_template_header_is_found_on_row_3_and_missing_columns_are_named(realdata):
    with pytest.raises(ListHeaderError) as raised:
        read_list(realdata / KWEAVER)

    error = raised.value
    assert error.header_row == 3
    assert error.missing == ("信息资源代码", "主题分类")
    assert error.found[:4] == ("挂接资源名称", "*数据资源目录名称", "数据资源来源部门", "*目录提供方")
    assert "缺少必填列：信息资源代码、主题分类（表头在第 3 行" in error.message


def _add_columns(sheet, headers: dict[str, str]) -> None:
    for cell, header in headers.items():
        sheet[cell] = header


def test_real_template_with_merged_resource_cells_groups_item_rows(kweaver_template):
    workbook = load_workbook(kweaver_template)
    sheet = workbook["数据资源目录导入"]
    _add_columns(sheet, {"Z3": "*信息资源代码", "AA3": "*主题分类", "AB3": "信息项名称", "AC3": "数据类型",
                         "AD3": "计量单位"})
    resource = {"B": "张店区公交线路信息", "C": "张店区交通运输局", "D": "张店区大数据中心", "I": "区县（市）",
                "J": "2025/04/27-2026/01/01", "K": "每月", "T": "无条件开放", "Z": "370303-jt-0001",
                "AA": "交通运输"}
    for column, value in resource.items():
        sheet[f"{column}4"] = value
        sheet.merge_cells(f"{column}4:{column}6")
    for number, (title, kind, unit) in enumerate(
            [("线路名称", "字符型", None), ("线路长度", "小数型", "千米"), ("首班时间", "时间型", None)], start=4):
        sheet[f"AB{number}"], sheet[f"AC{number}"], sheet[f"AD{number}"] = title, kind, unit
    for column, value in {"B": "张店区公交站点信息", "K": "每日", "Z": "370303-jt-0002", "AA": "交通运输",
                          "AB": "站点名称", "AC": "枚举型"}.items():
        sheet[f"{column}7"] = value
    workbook.save(kweaver_template)

    result = read_list(kweaver_template)

    assert (result.sheet, result.header_row, result.unknown_columns) == ("数据资源目录导入", 3, ())
    (record,) = result.records
    assert (record.code, record.title, record.rows, record.provider) == (
        "370303-jt-0001", "张店区公交线路信息", (4, 5, 6), "张店区交通运输局")
    assert [(i.name, i.title, i.type, i.unit) for i in record.info_items] == [
        ("线路名称", "线路名称", "string", ""), ("线路长度", "线路长度", "number", "千米"),
        ("首班时间", "首班时间", "time", "")]
    assert (record.temporal_start, record.temporal_end) == ("2025-04-27", "2026-01-01")
    assert record.extras == {"目录提供方": "张店区大数据中心", "空间范围": "区县（市）"}
    (problem,) = result.problems
    assert (problem.row, problem.cell, problem.code, problem.value) == (7, "AC7", "item_type", "枚举型")


def test_real_template_item_sheet_is_linked_by_resource_name(kweaver_template):
    workbook = load_workbook(kweaver_template)
    main = workbook["数据资源目录导入"]
    _add_columns(main, {"Z3": "信息资源代码", "AA3": "主题分类"})
    for column, value in {"B": "张店区公交线路信息", "K": "每月", "T": "无条件开放", "Z": "370303-jt-0001",
                          "AA": "交通运输"}.items():
        main[f"{column}4"] = value
    items = workbook["信息项导入"]
    items.append(["张店区公交线路信息", "线路名称", "line_name", None, None, "字符型", 64, None, "无条件共享",
                  "无条件开放", "非敏感", "非涉密", "否", "是"])
    items.append(["张店区公交线路信息", "驾驶员姓名", "driver", None, None, "字符型", 32, None, "不予共享",
                  "不予开放", "敏感", "非涉密", "否", "否"])
    items.append(["不存在的目录", "编号", "id", None, None, "整数型", None, None, "无条件共享", "无条件开放",
                  "非敏感", "非涉密", "否", "是"])
    workbook.save(kweaver_template)

    result = read_list(kweaver_template)

    (record,) = result.records
    assert [(i.name, i.title, i.open_attribute) for i in record.info_items] == [
        ("line_name", "线路名称", "unconditional"), ("driver", "驾驶员姓名", "closed")]
    assert [p.code for p in record.policy_problems] == ["item_stricter"]
    assert "信息项“driver”为“不予开放”，资源却为“无条件开放”" in record.policy_problem
    (problem,) = result.problems
    assert (problem.row, problem.cell, problem.code) == (5, "信息项导入!A5", "item_unlinked")
    assert problem.message.startswith("“信息项导入”表第5行“数据资源目录名称”（信息项导入!A5）：")


def test_repeated_resource_columns_group_by_code(write_csv):
    table = [["信息资源代码", "信息资源名称", "主题分类", "更新周期", "字段名", "中文名称", "数据类型"],
             ["370303-jt-0001", "公交线路", "交通运输", "每月", "line_name", "线路名称", "C"],
             ["370303-jt-0001", "公交线路", "交通运输", "每月", "length", "线路长度", "N"],
             ["370303-jt-0002", "公交站点", "交通运输", "每月", "stop", "站点名称", "C"]]

    records = read_list(write_csv(table)).records

    assert [(r.code, r.rows, [i.name for i in r.info_items]) for r in records] == [
        ("370303-jt-0001", (2, 3), ["line_name", "length"]), ("370303-jt-0002", (4,), ["stop"])]
    assert [i.type for i in records[0].info_items] == ["string", "number"]


def test_item_row_before_any_resource_is_an_orphan(write_csv):
    table = [["信息资源代码", "信息资源名称", "主题分类", "更新周期", "信息项名称", "数据类型"],
             ["", "", "", "", "线路名称", "字符型"],
             ["370303-jt-0001", "公交线路", "交通运输", "每月", "线路长度", "数值型"]]

    result = read_list(write_csv(table))

    assert [(p.row, p.cell, p.code) for p in result.problems] == [(2, "E2", "item_orphan")]
    assert [r.row for r in result.records] == [3]


def test_duplicate_item_names_are_an_error(write_csv):
    table = [["信息资源代码", "信息资源名称", "主题分类", "更新周期", "信息项名称", "数据类型"],
             ["370303-jt-0001", "公交线路", "交通运输", "每月", "线路名称", "字符型"],
             ["", "", "", "", "线路名称", "字符型"]]

    (problem,) = read_list(write_csv(table)).problems

    assert (problem.row, problem.cell, problem.code) == (3, "F3", "item_duplicate")


def test_merged_code_with_repeated_name_still_continues_the_resource(write_csv):
    table = [["信息资源代码", "信息资源名称", "主题分类", "更新周期", "信息项名称", "数据类型"],
             ["370303-jt-0001", "公交线路", "交通运输", "每月", "线路名称", "字符型"],
             ["", "公交线路", "", "每月", "线路长度", "数值型"],
             ["", "公交站点", "交通运输", "每月", "站点名称", "字符型"]]

    result = read_list(write_csv(table))

    assert [(r.code, r.rows) for r in result.records] == [("370303-jt-0001", (2, 3))]
    assert [(p.row, p.cell, p.code) for p in result.problems] == [(4, "A4", "required")]
