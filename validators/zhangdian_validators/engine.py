"""The streaming validator: one pass over the rows runs the Table Schema checks, the Chinese checks
and the personal-information guard, writes the normalised CSV, and returns a standard frictionless
``Report`` (our checks' errors are frictionless error classes too, see ``checks/``).

It does not run frictionless's row loop: per-field checkers are compiled once (``schema.py``) and
applied to raw strings, and the row-wide checks (formulas, personal information) first test the whole
row with one regular expression — which is what makes it faster than plain ``frictionless validate``
while doing more. Memory is bounded: rows stream, only ``unique`` columns keep a set of values, and at
most ``limit_errors`` error objects are built (every error is still counted).
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable

from frictionless import Report, Resource, errors as fl_errors

from zhangdian_validators import chinese
from zhangdian_validators import messages as M
from zhangdian_validators.checks import ERROR_CLASSES, FIELD_CHECKS
from zhangdian_validators.checks.base import cell_error, masked_cells
from zhangdian_validators.checks.formula_injection import inspect as formula_in
from zhangdian_validators.checks.personal_information import inspect as personal_information_in
from zhangdian_validators.checks.summary_rows import inspect as summary_row_kind
from zhangdian_validators.errors import ValidatorError
from zhangdian_validators.reading import Table, open_table
from zhangdian_validators.schema import FieldRule, compile_schema, load_schema

BLOCKING = {"personal-information"}
CLOSED = "closed"
OPEN_ATTRIBUTES = {"无条件开放": "unconditional", "有条件开放": "conditional", "不予开放": CLOSED,
                   "unconditional": "unconditional", "conditional": "conditional", CLOSED: CLOSED}
CELL_ERROR_CLASSES = {"type-error": fl_errors.TypeError, "constraint-error": fl_errors.ConstraintError,
                      **ERROR_CLASSES}
PROGRESS_EVERY = 10_000
INFER_SAMPLE_ROWS = 200
INFER_DATE_SHARE = 0.8
TITLE_NOTE_CHARS = 60
PII_ROWS_KEPT = 20
_SEPARATOR = "\x1f"
# Row-wide pre-filters: a row is looked at cell by cell only when the joined row matches.
_MAYBE_FORMULA = re.compile(r"(?:^|\x1f)\s*[=+\-@]")
_MAYBE_PERSONAL = re.compile(r"\d{3}[ -]?\d{4}[ -]?\d{4}")


@dataclass
class ValidationResult:
    """What :func:`validate` found. ``report`` is a standard frictionless Report."""

    report: Report
    counts: Counter
    table: Table
    rows: int
    normalised_path: Path | None = None
    pii_columns: dict[str, dict] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.counts

    @property
    def blocking(self) -> bool:
        """Unmasked personal information found: the file must not be published at all."""
        return any(self.counts[t] for t in BLOCKING)

    @property
    def status(self) -> str:
        """``valid`` (may be published), ``invalid`` (fix and resubmit) or ``blocked`` (personal data)."""
        return "blocked" if self.blocking else ("valid" if self.valid else "invalid")

    @property
    def errors(self) -> list:
        return list(self.report.tasks[0].errors) if self.report.tasks else list(self.report.errors)


class _Collector:
    """Counts every error; builds (and masks) only the first ``limit`` of them."""

    def __init__(self, limit: int):
        self.limit, self.kept, self.counts = limit, [], Counter()

    def add(self, error_class, **properties) -> None:
        self.counts[error_class.type] += 1
        if len(self.kept) < self.limit:
            if "cells" in properties:
                properties["cells"] = masked_cells(properties["cells"])
            self.kept.append(error_class(**properties))

    def cell(self, error_class, note: str, cells: list[str], row_number: int, value: str, field_name: str,
             field_number: int) -> None:
        self.counts[error_class.type] += 1
        if len(self.kept) < self.limit:
            self.kept.append(cell_error(error_class, note=note, cells=cells, row_number=row_number, value=value,
                                        field_name=field_name, field_number=field_number))


def _label_errors(table: Table, schema: dict, collector: _Collector) -> None:
    """Missing, extra and misnamed/misordered columns, by position as frictionless does."""
    labels, fields = table.labels, schema["fields"]
    common = {"note": "", "labels": labels, "row_numbers": [table.header_row]}
    for number, descriptor in enumerate(fields, start=1):
        if number > len(labels):
            collector.add(fl_errors.MissingLabelError, **common, label="", field_name=descriptor["name"],
                          field_number=number)
        elif labels[number - 1] not in (descriptor["name"], descriptor.get("title")):
            collector.add(fl_errors.IncorrectLabelError, **common, label=labels[number - 1],
                          field_name=descriptor["name"], field_number=number)
    for number in range(len(fields) + 1, len(labels) + 1):
        collector.add(fl_errors.ExtraLabelError, **common, label=labels[number - 1], field_name="",
                      field_number=number)


def _default_schema(table: Table) -> dict:
    """Without a schema every column is text, except columns whose sampled values are (nearly all)
    dates: those are checked as dates, so impossible years and non-dates among them are found."""
    sample = [cells for _, cells in islice(table.rows(), INFER_SAMPLE_ROWS)]
    fields = []
    for number, label in enumerate(table.labels, start=1):
        values = [cells[number - 1] for cells in sample if len(cells) >= number and cells[number - 1].strip()]
        dates = sum(1 for v in values if chinese.parse_chinese_date(v) is not None)
        is_date = bool(values) and dates / len(values) >= INFER_DATE_SHARE
        fields.append({"name": label or f"field{number}", "type": "date" if is_date else "string"})
    return {"fields": fields}


def open_attribute_code(open_attribute: str) -> str:
    """``unconditional``/``conditional``/``closed`` for the 开放属性 (Chinese label or code)."""
    code = OPEN_ATTRIBUTES.get(str(open_attribute).strip())
    if code is None:
        raise ValidatorError(M.UNKNOWN_OPEN_ATTRIBUTE.format(value=open_attribute))
    return code


def validate(source: str | Path, schema: str | Path | dict | list | None = None, *, sheet: str | None = None,
             open_attribute: str = "无条件开放", output: str | Path | None = None,
             limit_errors: int = 1000, progress: Callable[[int, int], None] | None = None) -> ValidationResult:
    """Validate a department's file; optionally write the normalised UTF-8 CSV to ``output``.

    :param schema: a Table Schema (dict or schema.json path) or a data dictionary (list of 信息项
        dicts, see :func:`schema.schema_from_fields`); None checks structure, dates found by sampling,
        Chinese formats recognisable from the header and personal information only.
    :param sheet: the worksheet of an XLSX/XLS file (default: the first).
    :param open_attribute: 开放属性 — 无条件开放/有条件开放 (or ``unconditional``/``conditional``) data
        is scanned for personal information; 不予开放 (``closed``) data is not published, so it is not.
    :param output: write the normalised UTF-8 CSV here (byte-identical across runs).
    :param limit_errors: build at most this many error objects (every error is still counted).
    :param progress: called every 10,000 rows with the number of rows read and how many bytes of the
        file they span (CSV; 0 for workbooks and JSON), and once at the end with the file size.
    :raises UnreadableFileError: (and subclasses) when the file cannot be read as a table.
    """
    started = time.perf_counter()
    scan_personal_information = open_attribute_code(open_attribute) != CLOSED
    descriptor = load_schema(schema)
    expected = {v for f in (descriptor or {}).get("fields", []) for v in (f["name"], f.get("title")) if v}
    table = open_table(source, sheet=sheet, expected_labels=expected)
    collector = _Collector(limit_errors)
    if descriptor is not None:
        _label_errors(table, descriptor, collector)
    for number, text in table.title_rows:
        text = " ".join(text.split())
        note = chinese.mask(text if len(text) <= TITLE_NOTE_CHARS else text[:TITLE_NOTE_CHARS] + "……")
        collector.add(ERROR_CLASSES["title-row"], note=note, cells=[text[:TITLE_NOTE_CHARS]], row_number=number)
    rules = compile_schema(descriptor or _default_schema(table))
    scan = _Scan(rules, collector, scan_personal_information)
    rows = scan.run(table, output, progress)
    resource = Resource(name="table", path=table.path.name, schema=None)
    report = Report.from_validation_task(resource, time=round(time.perf_counter() - started, 3),
                                         labels=table.labels, errors=collector.kept,
                                         warnings=_warnings(collector, limit_errors))
    # Report.from_validation_task counts kept errors only; keep validity true to what was found.
    report.valid = report.tasks[0].valid = not collector.counts
    return ValidationResult(report, collector.counts, table, rows, Path(output) if output else None,
                            scan.pii_columns())


def _warnings(collector: _Collector, limit: int) -> list[str]:
    total = sum(collector.counts.values())
    return [M.TOO_MANY_ERRORS.format(total=total, limit=limit)] if total > limit else []


class _Scan:
    """One pass over the data rows (state lives on the instance, one instance per validation)."""

    def __init__(self, rules: list[FieldRule], collector: _Collector, scan_pii: bool):
        self.rules, self.collector, self.scan_pii = rules, collector, scan_pii
        self.width = len(rules)
        self.unique_seen = {i: {} for i, rule in enumerate(rules) if rule.unique}
        self.cn_checks = {i: FIELD_CHECKS[rule.cn_format] for i, rule in enumerate(rules) if rule.cn_format}
        self.dated = {i for i, rule in enumerate(rules) if rule.field_type in ("date", "datetime")}
        self.masked = {i for i, rule in enumerate(rules) if rule.masked}
        self.extra_checks = set(self.unique_seen) | set(self.cn_checks) | self.dated
        self.pii: dict[str, dict] = {}

    def run(self, table: Table, output: str | Path | None, progress) -> int:
        count = 0
        handle = open(output, "w", encoding="utf-8-sig", newline="") if output else None
        try:
            writer = csv.writer(handle, lineterminator="\n") if handle else None
            if writer:
                writer.writerow([rule.name for rule in self.rules])
            for row_number, cells in table.rows():
                count += 1
                if progress and count % PROGRESS_EVERY == 0:
                    progress(count, table.bytes_read())
                normalised = self.row(row_number, cells)
                if writer and normalised is not None:
                    writer.writerow(normalised)
        finally:
            if handle:
                handle.close()
        if progress:
            progress(count, table.path.stat().st_size)
        return count

    def row(self, row_number: int, cells: list[str]) -> list[str] | None:
        collector = self.collector
        if not any(cells):
            collector.add(fl_errors.BlankRowError, note="", cells=cells, row_number=row_number)
            return None
        summary = summary_row_kind(cells)
        if summary:
            collector.add(summary[0], note=summary[1], cells=cells, row_number=row_number)
        width = self.width
        if len(cells) > width:
            for extra in range(width, len(cells)):
                collector.cell(fl_errors.ExtraCellError, "", cells, row_number, cells[extra], "", extra + 1)
        normalised = []
        for index, rule in enumerate(self.rules):
            if index >= len(cells):
                collector.cell(fl_errors.MissingCellError, "", cells, row_number, "", rule.name, index + 1)
                normalised.append("")
                continue
            value = cells[index]
            out, problem = rule.check(value) if rule.check else (value, None)
            normalised.append(out)
            if problem:
                collector.cell(CELL_ERROR_CLASSES[problem[0]], problem[1], cells, row_number, value, rule.name,
                               index + 1)
            elif out and index in self.extra_checks:
                self.field_extras(index, rule, out, value, cells, row_number)
        joined = _SEPARATOR.join(cells)
        if _MAYBE_FORMULA.search(joined):
            self.formulas(cells, row_number, normalised)
        if self.scan_pii and _MAYBE_PERSONAL.search(joined):
            self.personal_information(cells, row_number)
        return normalised

    def field_extras(self, index: int, rule: FieldRule, out: str, value: str, cells: list[str],
                     row_number: int) -> None:
        """unique, the Chinese identifier check of the column, and impossible years."""
        collector = self.collector
        seen = self.unique_seen.get(index)
        if seen is not None:
            first = seen.setdefault(out, row_number)
            if first != row_number:
                collector.cell(fl_errors.UniqueError, f"the same as in the row at position {first}", cells,
                               row_number, value, rule.name, index + 1)
        check = self.cn_checks.get(index)
        if check is not None and not (index in self.masked and chinese.is_masked(value)):
            note = check.inspect(value)
            if note:
                collector.cell(ERROR_CLASSES[check.type], note, cells, row_number, value, rule.name, index + 1)
        if index in self.dated and not chinese.is_plausible_year(int(out[:4])):
            collector.cell(ERROR_CLASSES["cn-impossible-year"], M.YEAR_NOTE.format(year=int(out[:4])), cells,
                           row_number, value, rule.name, index + 1)

    def formulas(self, cells: list[str], row_number: int, normalised: list[str]) -> None:
        for index, value in enumerate(cells):
            note = formula_in(value)
            if note:
                name = self.rules[index].name if index < self.width else ""
                self.collector.cell(ERROR_CLASSES["formula-injection"], note, cells, row_number, value, name,
                                    index + 1)
                if index < self.width:  # neutralised in the normalised CSV, as OWASP advises
                    normalised[index] = "'" + value

    def personal_information(self, cells: list[str], row_number: int) -> None:
        for index, value in enumerate(cells):
            note = personal_information_in(value, index in self.masked)
            if not note:
                continue
            name = self.rules[index].name if index < self.width else M.UNNAMED_COLUMN.format(number=index + 1)
            column = self.pii.setdefault(name, {"kinds": set(), "rows": [], "count": 0})
            column["count"] += 1
            column["kinds"].update(note.split("、"))
            if len(column["rows"]) < PII_ROWS_KEPT:
                column["rows"].append(row_number)
            self.collector.cell(ERROR_CLASSES["personal-information"], note, cells, row_number, value, name,
                                index + 1)

    def pii_columns(self) -> dict[str, dict]:
        return {name: dict(info, kinds=sorted(info["kinds"])) for name, info in self.pii.items()}
