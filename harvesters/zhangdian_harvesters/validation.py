"""Row validation: resource rows → :class:`ListRecord` or :class:`RowProblem` s (catalog.md §5).

Errors (bad vocabulary value, date, code, phone … duplicate code or name) keep a row from becoming a
record. Open-attribute policy problems do not: the record is kept with ``policy_problem`` set and a
finding is added, and the publisher must not publish it as open data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from zhangdian_harvesters import messages as msg
from zhangdian_harvesters import rules
from zhangdian_harvesters.columns import COLUMNS_BY_KEY, match_header
from zhangdian_harvesters.layout_1272 import Cell, ItemRow, ResourceRows
from zhangdian_harvesters.messages import Message
from zhangdian_harvesters.records import Finding, InfoItem, ListRecord, RowProblem, row_problem
from zhangdian_harvesters.rules import ValueProblem, fold
from zhangdian_harvesters.vocabularies import (
    DEFAULT_OPEN_ATTRIBUTE,
    EXCEPTION_REASON,
    OPEN_ATTRIBUTE,
    THEME,
    UPDATE_FREQUENCY,
)

CONDITIONAL, CLOSED = "conditional", "closed"
EXCEPTIONS = (CONDITIONAL, CLOSED)
_FORMAT_SPLIT = re.compile(r"[;,，、；/\s]+")
_ITEM_KEYS = {"item_name": "name", "item_title": "title", "item_type": "type",
              "item_description": "description", "item_unit": "unit",
              "item_open_attribute": "open_attribute"}
_ITEM_JSON_KEYS = {"name": "name", "title": "title", "type": "type", "description": "description",
                   "unit": "unit"}


@dataclass(frozen=True)
class ValidationOptions:
    """``defaults``: column key or header (any synonym) → value used when the cell is blank or the column
    is missing, e.g. ``{"更新周期": "不定期"}``. ``base``: the list's URL or folder, for relative data files."""

    code_pattern: str = rules.DEFAULT_CODE_PATTERN
    defaults: Mapping[str, str] = field(default_factory=dict)
    base: str | Path | None = None

    def default_values(self) -> dict[str, str]:
        resolved = {}
        for name, value in self.defaults.items():
            column = COLUMNS_BY_KEY.get(name) or match_header(name)
            if column is None:
                raise ValueError(f"unknown column in defaults: {name!r}")
            resolved[column.key] = str(value)
        return resolved


class _Row:
    """Collects the problems of one resource while its cells are parsed."""

    def __init__(self, group: ResourceRows, defaults: Mapping[str, str]):
        self.group = group
        self.header = group.header
        self.defaults = defaults
        self.problems: list[RowProblem] = []

    def cell(self, key: str) -> Cell | None:
        cell = self.group.cells.get(key)
        if cell is None and key in self.defaults:
            value = self.defaults[key]
            cell = Cell(value, value, "默认值", self.header.column_name(key))
        return cell

    def text(self, key: str) -> str:
        cell = self.cell(key)
        return cell.text if cell else ""

    def problem(self, message: Message, key: str, *, cell: Cell | None = None, value: str = "",
                at: ItemRow | None = None, **values) -> RowProblem:
        cell = cell or self.cell(key)
        row = at.row if at else self.group.row
        made = row_problem(
            message, row=row, row_label=at.row_label if at else self.group.row_label,
            column=cell.column if cell else self.header.column_name(key),
            cell=cell.ref if cell else self.header.ref_for(key, row), value=value, **values)
        self.problems.append(made)
        return made

    def parse(self, key: str, parser: Callable[..., Any], *args, required: bool = False) -> Any:
        cell = self.cell(key)
        if cell is None:
            if required:
                self.problem(msg.REQUIRED, key)
            return None
        try:
            return parser(cell.text, *args)
        except ValueProblem as problem:
            self._report(problem, key, cell)
            return None

    def _report(self, problem: ValueProblem, key: str, cell: Cell | None, at: ItemRow | None = None):
        values = dict(problem.values)
        value = values.pop("value", cell.text if cell else "")
        self.problem(problem.message, key, cell=cell, value=value, at=at, **values)


def _vocabulary(vocabulary):
    return lambda text: rules.vocabulary_code(vocabulary, text)


def _raw_items(row: _Row) -> list[tuple[dict[str, Any], Cell | None, ItemRow | None]]:
    """(raw item, cell to blame, item row) from the 信息项 cell and from 1272 item rows."""
    raw = []
    cell = row.cell("info_items")
    if cell is not None:
        if isinstance(cell.value, list):
            for entry in cell.value:
                entry = entry if isinstance(entry, dict) else {"name": str(entry)}
                item = {}
                for key, value in entry.items():
                    column = match_header(key)
                    target = _ITEM_JSON_KEYS.get(key) or (_ITEM_KEYS.get(column.key) if column else None)
                    if target:
                        item[target] = rules.cell_text(value)
                raw.append((item, cell, None))
        else:
            raw.extend((item, cell, None) for item in rules.split_items_cell(cell.text))
    for item_row in row.group.item_rows:
        item = {target: item_row.cells[key].text for key, target in _ITEM_KEYS.items()
                if key in item_row.cells}
        if item:
            blame = item_row.cells.get("item_type") or next(iter(item_row.cells.values()))
            raw.append((item, blame, item_row))
    return raw


def _info_items(row: _Row) -> tuple[InfoItem, ...]:
    items: list[InfoItem] = []
    names: set[str] = set()
    for raw, cell, at in _raw_items(row):
        name = raw.get("name") or raw.get("title") or ""
        source = raw.get("source", name)
        try:
            if not name or not raw.get("type"):
                raise ValueProblem(msg.ITEM_SYNTAX, value=source, part="数据类型" if name else "字段名")
            item_type = rules.field_type(name, raw.get("type", ""))
            attribute = raw.get("open_attribute")
            attribute = rules.vocabulary_code(OPEN_ATTRIBUTE, attribute) if attribute else None
            if name in names:
                raise ValueProblem(msg.ITEM_DUPLICATE, value=name)
        except ValueProblem as problem:
            row._report(problem, "info_items", cell, at)
            continue
        names.add(name)
        items.append(InfoItem(name, raw.get("title", ""), item_type, raw.get("description", ""),
                              raw.get("unit", ""), attribute))
    return tuple(items)


def _open_attribute(row: _Row) -> str | None:
    cell = row.cell("open_attribute") or row.cell("legacy_open")
    if cell is None:
        return DEFAULT_OPEN_ATTRIBUTE
    key = "open_attribute" if row.cell("open_attribute") else "legacy_open"
    code = row.parse(key, _vocabulary(OPEN_ATTRIBUTE))
    if fold(cell.text) == "是" and row.text("open_conditions"):
        return CONDITIONAL  # legacy 是否向社会开放 = 是 with conditions
    return code


def _temporal(row: _Row) -> tuple[str | None, str | None]:
    start = row.parse("temporal_start", rules.iso_date)
    end = row.parse("temporal_end", rules.iso_date)
    if not (row.cell("temporal_start") or row.cell("temporal_end")) and row.cell("temporal_range"):
        start, end = row.parse("temporal_range", rules.temporal_range) or (None, None)
    if start and end and end < start:
        key = "temporal_end" if row.cell("temporal_end") else "temporal_range"
        row.problem(msg.TEMPORAL_ORDER, key, value=row.text(key), start=start, end=end)
    return start, end


def _policy(row: _Row, attribute: str, items: tuple[InfoItem, ...]) -> list[RowProblem]:
    before = len(row.problems)
    label = OPEN_ATTRIBUTE.label(attribute)
    if attribute == CONDITIONAL and not row.text("open_conditions"):
        row.problem(msg.CONDITIONS_MISSING, "open_conditions")
    if attribute in EXCEPTIONS:
        if not row.text("legal_basis"):
            row.problem(msg.BASIS_MISSING, "legal_basis", attribute=label)
        if not row.text("exception_reason"):
            row.problem(msg.REASON_MISSING, "exception_reason", attribute=label,
                        allowed="、".join(EXCEPTION_REASON.labels.values()))
    if fold(row.text("share_attribute")) == "不予共享" and attribute != CLOSED:
        row.problem(msg.SHARE_CLOSED, "share_attribute", value=row.text("share_attribute"), attribute=label)
    if attribute == DEFAULT_OPEN_ATTRIBUTE:
        for item in items:
            if item.open_attribute in EXCEPTIONS:
                row.problem(msg.ITEM_STRICTER, "open_attribute", name=item.name,
                            item_attribute=OPEN_ATTRIBUTE.label(item.open_attribute))
                break
    found = row.problems[before:]
    del row.problems[before:]
    return found


class ListValidator:
    """Validates the resources of one list; remembers codes and names to find duplicates."""

    def __init__(self, options: ValidationOptions | None = None):
        self.options = options or ValidationOptions()
        self.defaults = self.options.default_values()
        self.codes: dict[str, int] = {}
        self.titles: dict[str, tuple[int, str]] = {}

    def validate(self, group: ResourceRows) -> tuple[ListRecord | None, list[RowProblem]]:
        row = _Row(group, self.defaults)
        code = row.parse("code", rules.resource_code, self.options.code_pattern, required=True)
        title = row.text("title")
        if not title:
            row.problem(msg.REQUIRED, "title")
        self._check_unique(row, code, title)
        values = dict(
            theme=row.parse("theme", _vocabulary(THEME), required=True),
            update_frequency=row.parse("update_frequency", _vocabulary(UPDATE_FREQUENCY), required=True),
            keywords=row.parse("keywords", rules.keywords) or (),
            exception_reason=row.parse("exception_reason", _vocabulary(EXCEPTION_REASON)),
            review_date=row.parse("review_date", rules.iso_date),
            data_updated=row.parse("data_updated", rules.iso_date),
            spatial_code=row.parse("spatial_code", rules.division_code),
            issued=row.parse("issued", rules.iso_date),
            contact_phone=row.parse("contact_phone", rules.phone_number),
            contact_email=row.parse("contact_email", rules.email),
            row_count=row.parse("row_count", rules.natural_number),
            data_file=row.parse("data_file", rules.data_file, self.options.base),
        )
        values["temporal_start"], values["temporal_end"] = _temporal(row)
        attribute = _open_attribute(row)
        items = _info_items(row)
        if row.problems:
            return None, row.problems
        policy = _policy(row, attribute, items)
        record = ListRecord(
            row=group.row, rows=tuple(group.rows), code=code, title=title, open_attribute=attribute,
            notes=row.text("notes"), open_conditions=row.text("open_conditions"),
            legal_basis=row.text("legal_basis"), contact_name=row.text("contact_name"),
            info_items=items, data_format=_data_format(row.text("data_format")),
            provider=row.text("provider"), provider_code=row.text("provider_code"),
            share_attribute=row.text("share_attribute"), source_url=row.text("source_url"),
            extras={cell.column: cell.text for cell in group.extras.values()},
            policy_problem="；".join(p.message for p in policy) or None, policy_problems=tuple(policy),
            **values,
        )
        return record, []

    def _check_unique(self, row: _Row, code: str | None, title: str) -> None:
        if code:
            other = self.codes.setdefault(code, row.group.row)
            if other != row.group.row:
                row.problem(msg.DUPLICATE_CODE, "code", value=code, other=other)
        if title:
            other_row, other_title = self.titles.setdefault(rules.title_key(title), (row.group.row, title))
            if other_row != row.group.row:
                row.problem(msg.DUPLICATE_TITLE, "title", value=title, other=other_row, other_value=other_title)


def _data_format(text: str) -> str:
    return ";".join(part.upper() for part in _FORMAT_SPLIT.split(text) if part)


def policy_finding(record: ListRecord) -> Finding:
    text, hint = msg.POLICY.render(
        title=record.title, code=record.code,
        problems="；".join(p.message for p in record.policy_problems),
        hints="".join(dict.fromkeys(p.hint for p in record.policy_problems)))
    return Finding(msg.POLICY.code, text, hint, rows=(record.row,),
                   cells=tuple(p.cell for p in record.policy_problems))
