"""The streaming validator: one pass over the rows runs the Table Schema checks, the Chinese checks
and the personal-information guard, writes the normalised CSV, and returns a standard frictionless
``Report`` (our checks' errors are frictionless error classes too, see ``checks/``).

It does not run frictionless's row loop: per-field checkers are compiled once (``schema.py``) and
applied to raw strings, which is what makes it faster than plain ``frictionless validate`` while
doing more. Memory is bounded: rows stream, only ``unique`` columns keep a set of values, and at
most ``limit_errors`` error objects are kept (every error is still counted).
"""

from __future__ import annotations

import csv
import re
import time
from itertools import islice
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from frictionless import Report, Resource, errors as fl_errors

from zhangdian_validators import chinese
from zhangdian_validators.checks import ERROR_CLASSES, FIELD_CHECKS
from zhangdian_validators.checks.formula_injection import inspect as formula_in
from zhangdian_validators.checks.personal_information import inspect as personal_information_in
from zhangdian_validators.checks.summary_rows import inspect as summary_row_kind
from zhangdian_validators.checks.base import masked_cells
from zhangdian_validators.reading import Table, open_table
from zhangdian_validators.schema import FieldRule, compile_schema, load_schema

LONG_DIGITS = re.compile(r"\d{11}")
BLOCKING = {"personal-information"}
CLOSED = "closed"
FRICTIONLESS_CELL = {"type-error": fl_errors.TypeError, "constraint-error": fl_errors.ConstraintError,
                     "unique-error": fl_errors.UniqueError}
PROGRESS_EVERY = 10_000


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
    def blocked(self) -> bool:
        """Personal information found: the file must not be published at all."""
        return any(self.counts[t] for t in BLOCKING)

    @property
    def status(self) -> str:
        return "blocked" if self.blocked else ("valid" if self.valid else "invalid")

    @property
    def errors(self) -> list:
        return list(self.report.tasks[0].errors) if self.report.tasks else list(self.report.errors)


class _Collector:
    def __init__(self, limit: int):
        self.limit, self.kept, self.counts = limit, [], Counter()

    def add(self, error_type: str, build: Callable[[], object]) -> None:
        self.counts[error_type] += 1
        if len(self.kept) < self.limit:
            self.kept.append(build())


def _label_errors(table: Table, rules: list[FieldRule], schema: dict, collector: _Collector) -> None:
    labels, fields = table.labels, schema["fields"]
    row_numbers = [table.header_row]
    for number, field_descriptor in enumerate(fields, start=1):
        accepted = {field_descriptor["name"], field_descriptor.get("title")}
        if number > len(labels):
            collector.add("missing-label", lambda n=number, f=field_descriptor: fl_errors.MissingLabelError(
                note="", labels=labels, row_numbers=row_numbers, label="", field_name=f["name"], field_number=n))
        elif labels[number - 1] not in accepted:
            collector.add("incorrect-label", lambda n=number, f=field_descriptor: fl_errors.IncorrectLabelError(
                note="", labels=labels, row_numbers=row_numbers, label=labels[n - 1], field_name=f["name"],
                field_number=n))
    for number in range(len(fields) + 1, len(labels) + 1):
        collector.add("extra-label", lambda n=number: fl_errors.ExtraLabelError(
            note="", labels=labels, row_numbers=row_numbers, label=labels[n - 1], field_name="", field_number=n))


INFER_SAMPLE_ROWS = 200
INFER_DATE_SHARE = 0.8


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


def validate(source: str | Path, schema: str | Path | dict | None = None, *, sheet: str | None = None,
             open_attribute: str = "unconditional", output: str | Path | None = None,
             limit_errors: int = 1000, progress: Callable[[int], None] | None = None) -> ValidationResult:
    """Validate a department's file; optionally write the normalised UTF-8 CSV to ``output``.

    :param schema: a Table Schema (dict or schema.json path); None checks structure, Chinese
        formats recognisable from the header and personal information only.
    :param open_attribute: ``unconditional``/``conditional`` data is scanned for personal
        information; ``closed`` data is not published, so it is not.
    :raises UnreadableFileError: (and subclasses) when the file cannot be read as a table.
    """
    started = time.perf_counter()
    descriptor = load_schema(schema)
    expected = {v for f in (descriptor or {}).get("fields", []) for v in (f["name"], f.get("title")) if v}
    table = open_table(source, sheet=sheet, expected_labels=expected)
    descriptor = descriptor or _default_schema(table)
    rules = compile_schema(descriptor)
    collector = _Collector(limit_errors)
    if schema is not None:
        _label_errors(table, rules, descriptor, collector)
    for number, text in table.title_rows:
        collector.add("title-row", lambda n=number, t=text: ERROR_CLASSES["title-row"](
            note=chinese.mask(t), cells=masked_cells([t]), row_number=n))
    rows, pii = _scan(table, rules, collector, open_attribute != CLOSED, output, progress)
    resource = Resource(name="table", path=str(table.path), schema=None)
    report = Report.from_validation_task(resource, time=round(time.perf_counter() - started, 3),
                                         labels=table.labels, errors=collector.kept,
                                         warnings=_warnings(collector, limit_errors))
    # Report.from_validation_task counts kept errors; keep validity true to what was found.
    report.valid = report.tasks[0].valid = not collector.counts
    return ValidationResult(report, collector.counts, table, rows, Path(output) if output else None, pii)


def _warnings(collector: _Collector, limit: int) -> list[str]:
    total = sum(collector.counts.values())
    return [f"共发现 {total} 处错误，报告只列出前 {limit} 处"] if total > limit else []


def _cell_error(error_class, note: str, cells: list[str], row_number: int, value: str, rule_name: str,
                field_number: int):
    return error_class(note=note, cells=masked_cells(cells), row_number=row_number, cell=chinese.mask(value),
                       field_name=rule_name, field_number=field_number)


def _scan(table: Table, rules: list[FieldRule], collector: _Collector, scan_pii: bool,
          output: str | Path | None, progress) -> tuple[int, dict]:
    width = len(rules)
    unique_seen = {i: {} for i, rule in enumerate(rules) if rule.unique}
    cn_checks = {i: FIELD_CHECKS[rule.cn_format].inspect for i, rule in enumerate(rules) if rule.cn_format}
    dated = [i for i, rule in enumerate(rules) if rule.field_type in ("date", "datetime")]
    masked = {i for i, rule in enumerate(rules) if rule.masked}
    pii_columns: dict[str, dict] = defaultdict(lambda: {"kinds": set(), "rows": [], "count": 0})
    writer_file = open(output, "w", encoding="utf-8-sig", newline="") if output else None
    writer = csv.writer(writer_file, lineterminator="\n") if writer_file else None
    if writer:
        writer.writerow([rule.name for rule in rules])
    count = 0
    try:
        for row_number, cells in table.rows():
            count += 1
            if progress and count % PROGRESS_EVERY == 0:
                progress(count)
            if not any(cells):
                collector.add("blank-row", lambda n=row_number, c=cells: fl_errors.BlankRowError(
                    note="", cells=c, row_number=n))
                continue
            summary = summary_row_kind(cells)
            if summary:
                error_class, note = summary
                collector.add(error_class.type, lambda n=row_number, c=cells, e=error_class, t=note:
                              e(note=t, cells=masked_cells(c), row_number=n))
            if len(cells) > width:
                for extra in range(width + 1, len(cells) + 1):
                    collector.add("extra-cell", lambda n=row_number, c=cells, x=extra: fl_errors.ExtraCellError(
                        note="", cells=masked_cells(c), row_number=n, cell=chinese.mask(c[x - 1]),
                        field_name="", field_number=x))
            normalised = []
            for index, rule in enumerate(rules):
                if index >= len(cells):
                    collector.add("missing-cell", lambda n=row_number, c=cells, i=index, r=rule:
                                  fl_errors.MissingCellError(note="", cells=masked_cells(c), row_number=n, cell="",
                                                             field_name=r.name, field_number=i + 1))
                    normalised.append("")
                    continue
                value = cells[index]
                out, problem = rule.check(value)
                normalised.append(out)
                if problem:
                    error_type, note = problem
                    collector.add(error_type, lambda n=row_number, c=cells, i=index, r=rule, t=note, v=value, e=error_type:
                                  _cell_error(FRICTIONLESS_CELL[e], t, c, n, v, r.name, i + 1))
                    continue
                if not out:
                    continue
                if index in unique_seen:
                    first = unique_seen[index].setdefault(out, row_number)
                    if first != row_number:
                        collector.add("unique-error", lambda n=row_number, c=cells, i=index, r=rule, v=value, f=first:
                                      _cell_error(fl_errors.UniqueError, f'the same as in the row at position "{f}"',
                                                  c, n, v, r.name, i + 1))
                if index in cn_checks:
                    note = cn_checks[index](value)
                    if note:
                        error_class = ERROR_CLASSES[FIELD_CHECKS[rule.cn_format].type]
                        collector.add(error_class.type, lambda n=row_number, c=cells, i=index, r=rule, t=note, v=value, e=error_class:
                                      _cell_error(e, t, c, n, v, r.name, i + 1))
                if index in dated and not chinese.is_plausible_year(int(out[:4])):
                    collector.add("cn-impossible-year", lambda n=row_number, c=cells, i=index, r=rule, v=value:
                                  _cell_error(ERROR_CLASSES["cn-impossible-year"], f"{v[:4]} 年", c, n, v, r.name, i + 1))
            for index, value in enumerate(cells):
                if value and value[0] in "=+-@" and formula_in(value):
                    name = rules[index].name if index < width else ""
                    collector.add("formula-injection", lambda n=row_number, c=cells, i=index, v=value, m=name:
                                  _cell_error(ERROR_CLASSES["formula-injection"], "以公式开头", c, n, v, m, i + 1))
                    normalised[index:index + 1] = ["'" + value] if index < width else []
                if scan_pii and len(value) >= 11 and LONG_DIGITS.search(value):
                    note = personal_information_in(value, index in masked)
                    if note:
                        name = rules[index].name if index < width else f"第{index + 1}列"
                        column = pii_columns[name]
                        column["count"] += 1
                        column["kinds"].update(note.split("、"))
                        if len(column["rows"]) < 20:
                            column["rows"].append(row_number)
                        collector.add("personal-information", lambda n=row_number, c=cells, i=index, v=value, m=name, t=note:
                                      _cell_error(ERROR_CLASSES["personal-information"], t, c, n, v, m, i + 1))
            if writer:
                writer.writerow(normalised)
    finally:
        if writer_file:
            writer_file.close()
    return count, {name: dict(info, kinds=sorted(info["kinds"])) for name, info in pii_columns.items()}
