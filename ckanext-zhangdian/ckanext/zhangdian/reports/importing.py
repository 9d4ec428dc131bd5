"""Importing responsibility lists (责任清单) and higher-level catalogs (上级目录) from CSV/XLSX, with
the templates administrators fill in.

An import is all or nothing: every row is checked first, and any error (a translatable
:class:`~ckanext.zhangdian.reports.findings.Message` with its row number) leaves the stored items untouched. A file replaces the items of the departments (or
catalogs) it names, so re-importing a corrected file never duplicates.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from zhangdian_validators.errors import ValidatorError
from zhangdian_validators.reading import open_table

from ckanext.zhangdian.reports.findings import Message

LEVELS = {"市级": "city", "省级": "province", "国家级": "national", "city": "city", "province": "province",
          "national": "national"}
LEVEL_LABELS = {"city": "市级", "province": "省级", "national": "国家级"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    example: str = ""


RESPONSIBILITY_COLUMNS = (
    Column("department", "责任部门", ("部门", "责任单位", "部门名称", "信息资源提供方", "提供方"), True,
           "淄博市张店区交通运输局"),
    Column("title", "信息资源名称", ("资源名称", "数据名称", "名称"), True, "公交线路信息"),
    Column("resource_code", "信息资源代码", ("资源代码", "代码"), False, "370303-JT-0001"),
    Column("basis", "责任依据", ("依据", "文件依据", "要求依据"), False, "《张店区公共数据开放责任清单（2026年）》"),
)
HIGHER_LEVEL_COLUMNS = (
    Column("level", "目录层级", ("层级", "级别"), True, "市级"),
    Column("catalog", "目录名称", ("开放平台", "平台名称", "目录"), True, "淄博市公共数据开放网"),
    Column("title", "信息资源名称", ("资源名称", "数据名称", "名称"), True, "淄博市公交线路信息"),
    Column("resource_code", "信息资源代码", ("资源代码", "代码"), False, ""),
    Column("publisher", "提供部门", ("提供方", "信息资源提供方", "部门"), False, "淄博市交通运输局"),
    Column("field_names", "信息项", ("字段", "数据项", "信息项名称"), False, "线路名称、起点站、终点站、首班时间、末班时间"),
    Column("url", "链接", ("网址", "地址", "URL"), False, "https://data.zibo.gov.cn/"),
)
_FIELD_SEPARATORS = re.compile(r"[、,，;；\s]+")


class ImportProblem(Exception):
    """The file cannot be imported; ``problems`` say which rows and why: messages to translate, or the
    validators package's own text (already in the user's language) when the file cannot be read."""

    def __init__(self, problems: list[Message | str]):
        super().__init__("；".join(self._rendered(problems)))
        self.problems = problems

    def render(self, gettext: Callable[[str], str]) -> list[str]:
        """The problems as text, messages translated with ``gettext``."""
        return self._rendered(self.problems, gettext)

    @staticmethod
    def _rendered(problems: list[Message | str], gettext: Callable[[str], str] = str) -> list[str]:
        return [problem.render(gettext) if isinstance(problem, Message) else problem for problem in problems]


def _column_map(labels: list[str], columns: tuple[Column, ...]) -> dict[str, int]:
    found = {}
    for position, label in enumerate(labels):
        text = label.strip().lstrip("*").strip()
        for column in columns:
            if text == column.label or text in column.synonyms:
                found.setdefault(column.key, position)
    missing = [column.label for column in columns if column.required and column.key not in found]
    if missing:
        raise ImportProblem([Message.of("The header lacks required columns: {columns} (use the portal's template).",
                                        columns=tuple(missing))])
    return found


def read_rows(path: str | Path, columns: tuple[Column, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows as {column key: text}, with their row numbers; blank and ``#`` comment rows skipped."""
    expected = {column.label for column in columns} | {s for column in columns for s in column.synonyms}
    try:
        table = open_table(path, expected_labels=expected)
    except ValidatorError as error:
        raise ImportProblem([str(error)]) from error
    positions = _column_map(table.labels, columns)
    rows = []
    for number, cells in table.rows():
        values = {key: (cells[index].strip() if index < len(cells) else "") for key, index in positions.items()}
        if not any(values.values()) or (cells and cells[0].strip().startswith("#")):
            continue
        rows.append((number, values))
    if not rows:
        raise ImportProblem([Message.of("The file has no data rows.")])
    return rows


def responsibility_items(path: str | Path, find_department: Callable[[str], str | None]) -> list[dict]:
    """Checked responsibility items: organization_id, title, resource_code, basis."""
    items, problems = [], []
    for number, values in read_rows(path, RESPONSIBILITY_COLUMNS):
        department = find_department(values.get("department", ""))
        if not values.get("title"):
            problems.append(Message.of("Row {row}: “{column}” is empty.", row=number, column="信息资源名称"))
        if department is None:
            problems.append(Message.of("Row {row}: no department “{name}” (write the department's full name "
                                       "as on the portal).", row=number, name=values.get("department", "")))
        if department and values.get("title"):
            items.append({"organization_id": department, "title": values["title"],
                          "resource_code": values.get("resource_code") or None,
                          "basis": values.get("basis") or None})
    if problems:
        raise ImportProblem(problems)
    return items


def higher_level_entries(path: str | Path) -> list[dict]:
    """Checked higher-level catalog entries: level, catalog, title, resource_code, publisher, field_names, url."""
    entries, problems = [], []
    for number, values in read_rows(path, HIGHER_LEVEL_COLUMNS):
        level = LEVELS.get(values.get("level", ""))
        if level is None:
            problems.append(Message.of("Row {row}: “目录层级” must be 市级, 省级 or 国家级.", row=number))
        for key, label in (("catalog", "目录名称"), ("title", "信息资源名称")):
            if not values.get(key):
                problems.append(Message.of("Row {row}: “{column}” is empty.", row=number, column=label))
        entries.append({"level": level, "catalog": values.get("catalog", ""), "title": values.get("title", ""),
                        "resource_code": values.get("resource_code") or None,
                        "publisher": values.get("publisher") or None,
                        "field_names": [n for n in _FIELD_SEPARATORS.split(values.get("field_names", "")) if n],
                        "url": values.get("url") or None})
    if problems:
        raise ImportProblem(problems)
    return entries


TEMPLATES = {"responsibility": ("责任清单模板", RESPONSIBILITY_COLUMNS),
             "higher-level": ("上级已开放目录模板", HIGHER_LEVEL_COLUMNS)}


def template_bytes(kind: str, file_format: str) -> tuple[str, bytes]:
    """(file name, content) of a blank template: CSV (UTF-8 with BOM) or XLSX (frozen header)."""
    name, columns = TEMPLATES[kind]
    example = ["#示例 " + columns[0].example] + [column.example for column in columns[1:]]
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([column.label for column in columns])
        writer.writerow(example)
        return f"{name}.csv", buffer.getvalue().encode("utf-8-sig")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = name
    sheet.append([column.label for column in columns])
    sheet.append(example)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if column.required else "000000")
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.column_dimensions[cell.column_letter].width = max(14, 2 * len(column.example) + 2)
        if column.key == "level":
            validation = DataValidation(type="list", formula1='"市级,省级,国家级"', allow_blank=False)
            validation.add(f"{cell.column_letter}2:{cell.column_letter}2000")
            sheet.add_data_validation(validation)
        sheet.cell(row=2, column=index).font = Font(italic=True, color="808080")
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return f"{name}.xlsx", output.getvalue()
