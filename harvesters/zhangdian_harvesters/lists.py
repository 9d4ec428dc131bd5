"""Read a 数据开放清单 (local path or http(s) URL) into a :class:`ListResult`.

Never reports success on a broken list: an unreadable file, a list without data rows or without the
required columns raises a :class:`ListError` subclass with a Chinese message saying what to fix.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Mapping

from zhangdian_harvesters import messages as msg
from zhangdian_harvesters.columns import REQUIRED_KEYS, labels_of
from zhangdian_harvesters.errors import ListEmptyError, ListHeaderError
from zhangdian_harvesters.fetch import FetchOptions, fetch
from zhangdian_harvesters.layout_1272 import (
    HEADER_SCAN_ROWS,
    LINK_KEYS,
    Grouping,
    Header,
    attach_item_sheet,
    detect_header,
    group_rows,
)
from zhangdian_harvesters.reading import ListFile, open_list_file
from zhangdian_harvesters.records import Finding, ListResult
from zhangdian_harvesters.rules import DEFAULT_CODE_PATTERN
from zhangdian_harvesters.validation import ListValidator, ValidationOptions, policy_finding

# Required as columns unless a default is given: CKAN needs theme and frequency on every dataset.
REQUIRED_COLUMN_KEYS = (*REQUIRED_KEYS, "theme", "update_frequency")
DEFAULT_LIST_MAX_BYTES = 20 * 1024 * 1024


def is_url(source: str | os.PathLike) -> bool:
    return isinstance(source, str) and "://" in source[:16]


def read_list(source: str | os.PathLike, *, file_format: str | None = None,
              defaults: Mapping[str, str] | None = None, code_pattern: str = DEFAULT_CODE_PATTERN,
              fetch_options: FetchOptions | None = None) -> ListResult:
    """Read, validate and normalise a list.

    :param source: a local path or an http(s) URL (fetched through :func:`fetch.fetch`).
    :param file_format: ``csv``/``xlsx``/``json``; sniffed from the content when omitted.
    :param defaults: values for blank cells/missing columns, by column key or header,
        e.g. ``{"更新周期": "不定期"}`` (a harvest source setting).
    :param code_pattern: full-match regex for 信息资源代码 (``ckanext.zhangdian.resource_code_pattern``).
    :param fetch_options: allow-list, size cap, timeouts for URL sources.
    """
    if is_url(source):
        options = fetch_options or FetchOptions(max_bytes=DEFAULT_LIST_MAX_BYTES)
        fetched = fetch(str(source), options)
        try:
            return _read(fetched.path, str(source), fetched.final_url, file_format, defaults, code_pattern)
        finally:
            fetched.path.unlink(missing_ok=True)
    path = Path(source)
    return _read(path, str(source), path.resolve().parent, file_format, defaults, code_pattern)


def _read(path: Path, source: str, base, file_format, defaults, code_pattern) -> ListResult:
    options = ValidationOptions(code_pattern=code_pattern, defaults=dict(defaults or {}), base=base)
    validator = ListValidator(options)
    with open_list_file(path, source=source, file_format=file_format) as list_file:
        main, item_sheets = _headers(list_file, source, set(validator.defaults))
        grouping = group_rows(main)
        groups, problems = grouping.groups, grouping.problems
        for header in item_sheets:
            problems.extend(attach_item_sheet(header, groups))
    if not groups and not problems:
        raise ListEmptyError(msg.EMPTY, source=source)
    records = []
    for group in groups:
        record, row_problems = validator.validate(group)
        problems.extend(row_problems)
        if record is not None:
            records.append(record)
    problems.sort(key=lambda p: ("!" in p.cell, p.row))
    findings = _findings(main, item_sheets, grouping)
    findings.extend(policy_finding(r) for r in records if not r.publishable_as_open)
    return ListResult(
        source=source, file_format=list_file.file_format, encoding=list_file.encoding,
        sheet=main.sheet.name, header_row=main.row,
        columns={c.text: (c.column.key if c.column else "") for c in main.cells},
        records=tuple(records), problems=tuple(problems), findings=tuple(findings),
        unknown_columns=tuple(c.text for h in (main, *item_sheets) for c in h.unknown),
        comment_rows=tuple(grouping.comments))


def _headers(list_file: ListFile, source: str, defaulted: set[str]) -> tuple[Header, list[Header]]:
    """The main sheet's header and the headers of separate 信息项 sheets."""
    several = len(list_file.sheets) > 1
    headers = [h for h in (detect_header(s, source, f"{s.name}!" if several else "")
                           for s in list_file.sheets) if h is not None]
    mains = [h for h in headers if not h.is_item_sheet and {"code", "title"} & h.keys.keys()]
    if not mains:
        raise ListHeaderError(msg.NO_HEADER, missing=labels_of(REQUIRED_KEYS), source=source,
                              rows=HEADER_SCAN_ROWS)
    main = dataclasses.replace(mains[0], prefix="")
    missing = [key for key in REQUIRED_COLUMN_KEYS if key not in main.keys and key not in defaulted]
    if missing:
        found = [c.text for c in main.cells]
        raise ListHeaderError(msg.MISSING_HEADERS, missing=labels_of(missing), found=found,
                              header_row=main.row, source=source, row=main.row,
                              missing_labels="、".join(labels_of(missing)), found_text="、".join(found))
    items = [h for h in headers if h.is_item_sheet and set(LINK_KEYS) & h.keys.keys()]
    return main, items


def _findings(main: Header, item_sheets: list[Header], grouping: Grouping) -> list[Finding]:
    findings = []
    unknown = [(h, c) for h in (main, *item_sheets) for c in h.unknown]
    if unknown:
        names = [c.text for _, c in unknown]
        text, hint = msg.UNKNOWN_COLUMNS.render(count=len(names), columns="、".join(f"“{n}”" for n in names))
        findings.append(Finding(msg.UNKNOWN_COLUMNS.code, text, hint, rows=(main.row,),
                                cells=tuple(h.ref(c, h.row) for h, c in unknown), details=tuple(names)))
    if grouping.unnamed_columns:
        cells = tuple(grouping.unnamed_columns)
        text, hint = msg.UNNAMED_COLUMNS.render(columns="、".join(cells))
        findings.append(Finding(msg.UNNAMED_COLUMNS.code, text, hint, rows=(main.row,), cells=cells))
    comments = grouping.comments
    if comments:
        text, hint = msg.COMMENT_ROWS.render(count=len(comments), rows="、".join(map(str, comments)))
        findings.append(Finding(msg.COMMENT_ROWS.code, text, hint, rows=tuple(comments)))
    return findings
