"""The blank list templates, built from the list columns (``zhangdian_harvesters.columns``).

The portal serves them (``/lists/template.xlsx``, ``.csv``) and ``templates/build_templates.py`` writes the
committed copies in ``templates/``:

    .venv/bin/python templates/build_templates.py

- ``数据开放清单模板.csv``: UTF-8 with BOM, header row + one example row whose first cell starts with
  ``#示例`` (rows starting with ``#`` are comments: the harvester skips them).
- ``数据开放清单模板.xlsx``: the same two rows, a frozen header, column widths, header notes, dropdowns
  (data validation lists) on the vocabulary columns, and a 说明 (instructions) sheet.

tests/harvesters/test_templates.py checks that the committed files are what this script builds.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from zhangdian_harvesters.columns import TEMPLATE_COLUMNS, Column
from zhangdian_harvesters.messages import ITEMS_SYNTAX_HELP

CSV_NAME = "数据开放清单模板.csv"
XLSX_NAME = "数据开放清单模板.xlsx"
LIST_SHEET = "数据开放清单"
HELP_SHEET = "说明"
EXAMPLE_MARK = "#示例 "
VALIDATED_ROWS = 2000
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="808080")

GENERAL_HELP = (
    "张店区数据开放清单填写说明",
    "1. 一行填写一个信息资源（数据集）。“信息资源代码”“信息资源名称”“主题分类”“更新周期”为必填列（表头为红色）。",
    "2. 第 2 行是示例行，第一格以 # 开头，导入时会被忽略；请从第 3 行起填写，也可以删除示例行。",
    "3. 带下拉箭头的列只能填写可选值；开放属性不填视为“无条件开放”（以开放为原则，不开放为例外）。",
    "4. 有条件开放必须填写“开放条件”；有条件开放、不予开放必须填写“不予开放依据类型”和“法律法规依据”，"
    "否则该资源不会作为开放数据发布。",
    "5. 日期写成 2021-08-27（也接受 2021/8/27、2021年8月27日、20210827）。",
    "6. “数据文件”填写 http(s) 下载地址，或相对于本清单文件所在目录的路径（如 data/公交线路.csv）。",
    f"7. {ITEMS_SYNTAX_HELP}",
    "8. 不要修改表头文字、不要合并表头单元格；可以增加列，但平台不会发布无法识别的列（导入时会提示）。",
)


def example_row() -> list[str]:
    row = [column.example for column in TEMPLATE_COLUMNS]
    row[0] = EXAMPLE_MARK + row[0]
    return row


def allowed_values(column: Column) -> list[str]:
    return list(column.vocabulary.labels.values()) if column.vocabulary else []


def csv_bytes() -> bytes:
    """The CSV template: UTF-8 with BOM (Excel opens it in Chinese), header + example row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.label for column in TEMPLATE_COLUMNS])
    writer.writerow(example_row())
    return buffer.getvalue().encode("utf-8-sig")


def build_csv(path: Path) -> None:
    path.write_bytes(csv_bytes())


def _width(column: Column) -> float:
    longest = max(len(column.label), len(column.example), 4)
    return float(min(max(2 * longest + 2, 12), 60))


def _list_sheet(sheet) -> None:
    sheet.title = LIST_SHEET
    for index, (column, example) in enumerate(zip(TEMPLATE_COLUMNS, example_row()), start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.label)
        header.font = Font(bold=True, color="C00000" if column.required else "000000")
        header.fill = HEADER_FILL
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column.description:
            header.comment = Comment(column.description, "张店区大数据中心")
        sheet.cell(row=2, column=index, value=example).font = EXAMPLE_FONT
        sheet.column_dimensions[letter].width = _width(column)
        values = allowed_values(column)
        if values:
            validation = DataValidation(
                type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                showErrorMessage=True, errorTitle="请从下拉列表选择",
                error=f"“{column.label}”只能填写：" + "、".join(values),
                showInputMessage=True, promptTitle=column.label, prompt="请从下拉列表选择")
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"


def _help_sheet(sheet) -> None:
    for line in GENERAL_HELP:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(["列名", "是否必填", "填写说明", "可选值", "示例"])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for column in TEMPLATE_COLUMNS:
        sheet.append([column.label, "必填" if column.required else "", column.description,
                      "、".join(allowed_values(column)), column.example])
    for letter, width in zip("ABCDE", (22, 10, 60, 60, 40)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def build_workbook() -> Workbook:
    workbook = Workbook()
    _list_sheet(workbook.active)
    _help_sheet(workbook.create_sheet(HELP_SHEET))
    return workbook


def xlsx_bytes() -> bytes:
    output = io.BytesIO()
    build_workbook().save(output)
    return output.getvalue()


def build_xlsx(path: Path) -> None:
    build_workbook().save(path)
