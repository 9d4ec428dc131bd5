"""Find the header row and group list rows into resources.

Layouts handled:

- **one row per resource** (our template): the 信息项 are in one cell;
- **1272 layout, one row per 信息项**: the resource columns are filled (or merged, which reads as blank)
  on the first row only, or repeated with the same 信息资源代码 on every row; the 信息项 columns
  (中文名称/字段名/数据类型 …) are filled on every row;
- **separate 信息项 sheet** (kweaver 数据资源目录导入模板: sheets 数据资源目录导入 + 信息项导入): 信息项 rows
  point at their resource by 信息资源代码 or, failing that, by 信息资源名称.

The header row is found automatically among the first rows (instruction rows and merged group headers
above it are skipped): it is the row whose cells name the most known columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from zhangdian_harvesters import messages as msg
from zhangdian_harvesters.columns import (
    EXTRA,
    ITEM,
    ITEM_SHEET_OVERRIDES,
    COLUMNS_BY_KEY,
    RESOURCE,
    Column,
    match_header,
)
from zhangdian_harvesters.errors import ListHeaderError
from zhangdian_harvesters.reading import Sheet
from zhangdian_harvesters.records import RowProblem, row_problem
from zhangdian_harvesters.rules import cell_text, fold, title_key

HEADER_SCAN_ROWS = 30
LINK_KEYS = ("code", "title")


@dataclass(frozen=True)
class HeaderCell:
    index: int
    text: str  # as written, stripped
    column: Column | None

    @property
    def level(self) -> str | None:
        return self.column.level if self.column else None


@dataclass(frozen=True)
class Header:
    sheet: Sheet
    row: int
    cells: tuple[HeaderCell, ...]
    prefix: str = ""  # "信息项导入!" for cell references outside the main sheet

    @property
    def keys(self) -> dict[str, HeaderCell]:
        return {c.column.key: c for c in self.cells if c.column}

    @property
    def unknown(self) -> tuple[HeaderCell, ...]:
        return tuple(c for c in self.cells if c.column is None)

    @property
    def has_items(self) -> bool:
        return any(c.level == ITEM for c in self.cells)

    @property
    def is_item_sheet(self) -> bool:
        """Item columns and no resource columns beyond what links an item to its resource."""
        resource = {c.column.key for c in self.cells if c.level == RESOURCE}
        return self.has_items and resource - set(ITEM_SHEET_OVERRIDES) <= set(LINK_KEYS)

    def ref(self, cell: HeaderCell, row: int) -> str:
        return self.prefix + self.sheet.cell_ref(cell.index, row, cell.text)

    def ref_for(self, key: str, row: int) -> str:
        """The cell of ``key`` on ``row``; for a column the list lacks, the open-attribute cell (policy
        problems) or the row's first cell, so every problem points somewhere in the file."""
        keys = self.keys
        cell = keys.get(key) or keys.get("open_attribute") or keys.get("legacy_open") or self.cells[0]
        return self.ref(cell, row)

    def column_name(self, key: str) -> str:
        cell = self.keys.get(key)
        return fold(cell.text).strip("*＊") if cell else COLUMNS_BY_KEY[key].label


@dataclass(frozen=True)
class Cell:
    value: Any
    text: str
    ref: str
    column: str  # the header as the list writes it (without * marks)


@dataclass
class ItemRow:
    row: int
    row_label: str
    cells: dict[str, Cell]


@dataclass
class ResourceRows:
    """The rows of one resource: its first row's resource cells, extras and all its 信息项 rows."""

    row: int
    row_label: str
    cells: dict[str, Cell]
    extras: dict[str, Cell]
    header: Header
    item_rows: list[ItemRow] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


def _text(value: Any) -> str:
    """Cell text; JSON lists/objects (a 信息项 array) become their JSON text."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return cell_text(value)


def _blank(values: list[Any]) -> bool:
    return not any(_text(v) for v in values)


def _header_cells(values: list[Any], item_sheet: bool) -> tuple[HeaderCell, ...]:
    cells = []
    for index, value in enumerate(values):
        text = str(value).strip() if value is not None else ""
        if not text:
            continue
        column = match_header(text)
        if item_sheet and column and column.key in ITEM_SHEET_OVERRIDES:
            column = COLUMNS_BY_KEY[ITEM_SHEET_OVERRIDES[column.key]]
        cells.append(HeaderCell(index, text, column))
    return tuple(cells)


def detect_header(sheet: Sheet, source: str, prefix: str = "") -> Header | None:
    """The first-rows row naming the most known columns (at least two), or None."""
    best: tuple[int, int, list[Any]] | None = None
    for number, values in sheet.rows():
        if number > HEADER_SCAN_ROWS:
            break
        score = len({c.column.key for c in _header_cells(values, False) if c.column})
        if score >= 2 and (best is None or score > best[0]):
            best = (score, number, values)
    if best is None:
        return None
    first = _header_cells(best[2], False)
    header = Header(sheet, best[1], first, prefix)
    if header.is_item_sheet:
        header = Header(sheet, best[1], _header_cells(best[2], True), prefix)
    _check_duplicates(header, source)
    return header


def _check_duplicates(header: Header, source: str) -> None:
    seen: dict[str, HeaderCell] = {}
    for cell in header.cells:
        if not cell.column or cell.level == EXTRA:
            continue
        if cell.column.key in seen:
            raise ListHeaderError(msg.DUPLICATE_HEADER, found=[c.text for c in header.cells],
                                  header_row=header.row, source=source, first=seen[cell.column.key].text,
                                  second=cell.text, label=cell.column.label)
        seen[cell.column.key] = cell


def _cells(header: Header, values: list[Any], number: int, levels: set[str]) -> dict[str, Cell]:
    cells = {}
    for hc in header.cells:
        if (hc.level or "unknown") not in levels:
            continue
        value = values[hc.index] if hc.index < len(values) else None
        text = _text(value)
        if text:
            key = hc.column.key if hc.column and hc.level != EXTRA else hc.text
            cells[key] = Cell(value, text, header.ref(hc, number), fold(hc.text).strip("*＊"))
    return cells


COMMENT_PREFIXES = ("#", "＃", "注：", "注:", "填表说明", "说明：", "说明:")


def _is_comment(values: list[Any]) -> bool:
    """``#示例 …`` rows, and notes such as ``注：…`` or ``填表说明`` below or above the table."""
    first = next((t for t in map(_text, values) if t), "")
    return first.startswith(COMMENT_PREFIXES)


def _same_resource(cells: dict[str, Cell], current: ResourceRows) -> bool:
    """A row repeating the resource above: same code (or, without a code, same name) — or neither."""
    for key in LINK_KEYS:
        if key in cells:
            theirs = current.cells.get(key)
            fold_ = fold if key == "code" else title_key
            return theirs is not None and fold_(cells[key].text) == fold_(theirs.text)
    return True


@dataclass
class Grouping:
    """The resources of the main sheet, skipped comment rows, orphan-item problems, and the columns that
    hold data under an empty header (reported, since their values cannot be named)."""

    groups: list[ResourceRows] = field(default_factory=list)
    comments: list[int] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    unnamed_columns: list[str] = field(default_factory=list)  # header-row references, e.g. "F1"


def group_rows(header: Header) -> Grouping:
    result = Grouping()
    sheet = header.sheet
    named = {cell.index for cell in header.cells}
    unnamed: set[int] = set()
    current: ResourceRows | None = None
    for number, values in sheet.rows():
        if number <= header.row or _blank(values):
            continue
        if _is_comment(values):
            result.comments.append(number)
            continue
        unnamed.update(i for i, value in enumerate(values) if i not in named and _text(value))
        resource = _cells(header, values, number, {RESOURCE})
        items = _cells(header, values, number, {ITEM})
        if header.has_items and current is not None and (not resource or _same_resource(resource, current)):
            if items:
                current.item_rows.append(ItemRow(number, sheet.row_label(number), items))
                current.rows.append(number)
            continue
        if header.has_items and not resource and items:
            cell = next(iter(items.values()))
            result.problems.append(row_problem(
                msg.ITEM_ORPHAN, row=number, row_label=sheet.row_label(number), column=cell.column,
                cell=cell.ref, value=cell.text))
            continue
        current = ResourceRows(number, sheet.row_label(number), resource,
                               _cells(header, values, number, {EXTRA, "unknown"}), header, rows=[number])
        if items:
            current.item_rows.append(ItemRow(number, sheet.row_label(number), items))
        result.groups.append(current)
    result.unnamed_columns = [header.prefix + sheet.cell_ref(i, header.row, "") for i in sorted(unnamed)]
    return result


def attach_item_sheet(header: Header, groups: list[ResourceRows]) -> list[RowProblem]:
    """Attach the rows of a separate 信息项 sheet to their resources (by code, else by name)."""
    link = next(key for key in LINK_KEYS if key in header.keys)
    index = {}
    for group in groups:
        if link in group.cells:
            text = group.cells[link].text
            index.setdefault(fold(text) if link == "code" else title_key(text), group)
    problems = []
    for number, values in header.sheet.rows():
        if number <= header.row or _blank(values) or _is_comment(values):
            continue
        row_label = f"“{header.sheet.name}”表{header.sheet.row_label(number)}"
        linked = _cells(header, values, number, {RESOURCE}).get(link)
        items = _cells(header, values, number, {ITEM})
        key = (fold(linked.text) if link == "code" else title_key(linked.text)) if linked else None
        if key not in index:
            column = header.column_name(link)
            problems.append(row_problem(msg.ITEM_UNLINKED, row=number, row_label=row_label, column=column,
                                        cell=header.ref_for(link, number),
                                        value=linked.text if linked else ""))
            continue
        if items:
            index[key].item_rows.append(ItemRow(number, row_label, items))
    return problems
