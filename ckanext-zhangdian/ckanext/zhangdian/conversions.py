"""A published CSV file as CSV (UTF-8 with a byte order mark), JSON and XLSX, for the download links.

The harvester mirrors every valid data file as normalised UTF-8 CSV; editors may also upload a CSV by
hand (then in any encoding, unvalidated). So every conversion first reads the whole file strictly:

- the encoding is UTF-8 (with or without BOM), UTF-16 with a BOM, or else GB18030 (a superset of GBK and
  GB2312) — decided on the whole file, never guessed from its beginning; a file that is none of these is
  refused (:class:`UnreadableFile`) rather than served with replacement characters;
- a cell that a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``@SUM(…)``) is written with a
  leading apostrophe in CSV (OWASP), and as text in XLSX;
- XLSX is offered up to ``ckanext.zhangdian.xlsx_max_rows`` rows (Excel's own limits — 1,048,576 rows,
  16,384 columns, 32,767 characters a cell — always apply; :class:`TooLargeForExcel` says which) and is
  built once per version of the file, then served from a cache beside the stored files.

No web request here: the view (``views/downloads.py``) serves these, the page helpers ask
:func:`is_convertible`, and the tests and ``bench/downloads.py`` call them directly.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping
from urllib.parse import quote

import ckan.plugins.toolkit as tk
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from zhangdian_validators.checks.formula_injection import looks_like_formula

__all__ = ["UnreadableFile", "TooLargeForExcel", "FileProfile", "xlsx_max_rows", "is_convertible",
           "encoding_of", "profile", "csv_chunks", "json_chunks", "json_keys", "cached_xlsx", "write_xlsx", "download_filename",
           "content_disposition"]

CHUNK = 64 * 1024
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
EXCEL_MAX_CELL = 32_767
FIELD_SIZE_LIMIT = 2**31 - 1  # csv's default (131,072 characters) would stop at one long text cell
_UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|]+')
_UNSAFE_IN_SHEET_TITLE = re.compile(r"[\\/*?:\[\]]+")


class UnreadableFile(Exception):
    """The file is not text in an encoding the portal reads."""


class TooLargeForExcel(Exception):
    """The data does not fit in one worksheet; ``limit`` names what is exceeded (rows, columns, cell)."""

    def __init__(self, limit: str):
        super().__init__(limit)
        self.limit = limit


@dataclass(frozen=True)
class FileProfile:
    """What a full strict read found: the encoding, rows (the header included), widest row, longest cell."""

    encoding: str
    rows: int
    columns: int
    longest_cell: int


def xlsx_max_rows() -> int:
    """``ckanext.zhangdian.xlsx_max_rows``: the largest file (in rows, the header included) offered as XLSX."""
    return tk.config.get("ckanext.zhangdian.xlsx_max_rows")


def is_convertible(resource: Mapping[str, Any]) -> bool:
    """A CSV file stored on the portal (uploaded or mirrored) — what the conversions read."""
    return resource.get("url_type") == "upload" and (resource.get("format") or "").strip().upper() == "CSV"


# Reading


def encoding_of(path: str) -> str:
    """The file's encoding, decided by decoding all of it strictly (raises :class:`UnreadableFile`)."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        if _decodes(path, encoding):
            return encoding
    raise UnreadableFile(path)


def _decodes(path: str, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(CHUNK), b""):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _rows(path: str, encoding: str) -> Iterator[list[str]]:
    """The CSV's rows; blank lines are not rows."""
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    with open(path, encoding=encoding, newline="") as handle:
        yield from (row for row in csv.reader(handle) if row)


def profile(path: str) -> FileProfile:
    """Read the whole file once, strictly: its encoding and shape (raises :class:`UnreadableFile`)."""
    encoding = encoding_of(path)
    rows = columns = longest = 0
    for row in _rows(path, encoding):
        rows += 1
        columns = max(columns, len(row))
        longest = max(longest, max(map(len, row)))
    return FileProfile(encoding, rows, columns, longest)


# CSV and JSON, streamed


def _utf8_chunks(pieces: Iterator[str]) -> Iterator[bytes]:
    """Text pieces as UTF-8 chunks of about :data:`CHUNK` characters."""
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


def _defused(value: str) -> str:
    return "'" + value if looks_like_formula(value) else value


def csv_chunks(path: str, encoding: str) -> Iterator[bytes]:
    """The rows as UTF-8 CSV with one byte order mark, "\\n" line ends and formulas defused."""
    def pieces() -> Iterator[str]:
        yield "\ufeff"
        line = io.StringIO()
        writer = csv.writer(line, lineterminator="\n")
        for row in _rows(path, encoding):
            writer.writerow([_defused(value) for value in row])
            yield line.getvalue()
            line.seek(0)
            line.truncate()
    return _utf8_chunks(pieces())


def json_keys(header: list[str]) -> list[str]:
    """Unique keys for the header row: an empty name becomes ``列3`` (its column number), a repeated one
    ``名称_2`` — so no column overwrites another in the records."""
    keys: list[str] = []
    seen: set[str] = set()
    for number, name in enumerate(header, start=1):
        key = name.strip() or f"列{number}"
        candidate, copy = key, 1
        while candidate in seen:
            copy += 1
            candidate = f"{key}_{copy}"
        seen.add(candidate)
        keys.append(candidate)
    return keys


def json_chunks(path: str, encoding: str) -> Iterator[bytes]:
    """``[{header: value, …}, …]``: short rows padded with "", cells beyond the header under ``列N``."""
    def pieces() -> Iterator[str]:
        rows = _rows(path, encoding)
        header = next(rows, [])
        yield "["
        for number, row in enumerate(rows):
            keys = json_keys(header + [""] * (len(row) - len(header)))
            record = dict(zip(keys, row + [""] * (len(keys) - len(row))))
            yield ("," if number else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]\n"
    return _utf8_chunks(pieces())


# XLSX, built once per file version


def _sheet_title(title: str) -> str:
    cleaned = _UNSAFE_IN_SHEET_TITLE.sub("", title).strip("' ")[:31].strip("' ")
    return "数据" if not cleaned or cleaned.lower() == "history" else cleaned


def _check_fits(shape: FileProfile, max_rows: int) -> None:
    if shape.rows > min(max_rows, EXCEL_MAX_ROWS):
        raise TooLargeForExcel("rows")
    if shape.columns > EXCEL_MAX_COLUMNS:
        raise TooLargeForExcel("columns")
    if shape.longest_cell > EXCEL_MAX_CELL:
        raise TooLargeForExcel("cell")


def write_xlsx(path: str, target: Path | str, sheet_title: str, max_rows: int = EXCEL_MAX_ROWS) -> None:
    """Write the rows to a new workbook at ``target``: one worksheet, every cell text (codes keep their
    leading zeros; a value starting with "=" is shown, never run). Checks the limits before writing."""
    shape = profile(path)
    _check_fits(shape, max_rows)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    for row in _rows(path, shape.encoding):
        sheet.append(_worksheet_row(sheet, row))
    workbook.save(target)


def _worksheet_row(sheet, row: list[str]) -> list[str | WriteOnlyCell]:
    """openpyxl writes a str as text, except one starting with "=" (a formula) — that one, and any
    with characters XML cannot hold, goes in as an explicit text cell (a third slower, so only then)."""
    if not ILLEGAL_CHARACTERS_RE.search("".join(row)) and not any(value.startswith("=") for value in row):
        return row
    cells: list[str | WriteOnlyCell] = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
        cells.append(cell)
    return cells


def cached_xlsx(path: str, cache_dir: Path, resource_id: str, sheet_title: str, max_rows: int) -> Path:
    """The workbook of the stored file at ``path``, built on first request and kept in
    ``cache_dir/<resource_id>/`` under a key of the file's size, modification time and the title; older
    versions are removed. Written to a temporary file and renamed, so readers never see half a file."""
    stat = os.stat(path)
    key = hashlib.sha256(f"{stat.st_size}:{stat.st_mtime_ns}:{sheet_title}:{max_rows}".encode()).hexdigest()[:24]
    folder = cache_dir / resource_id
    cached = folder / f"{key}.xlsx"
    if cached.is_file():
        return cached
    folder.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=folder, suffix=".partial")
    os.close(handle)
    try:
        write_xlsx(path, partial, sheet_title, max_rows)
        os.replace(partial, cached)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    for old in folder.glob("*.xlsx"):
        if old != cached:
            old.unlink(missing_ok=True)
    return cached


# Naming the download


def download_filename(title: str, resource_name: str, fmt: str) -> str:
    """``张店区公交线路信息.csv``, or ``<title>-<resource name>.csv`` when the name is given; characters
    that file systems or headers reject become "_"."""
    parts = [part for part in (title, resource_name) if part]
    stem = _UNSAFE_IN_FILENAME.sub("_", "-".join(parts)).strip(" .") or "data"
    return f"{stem[:120]}.{fmt}"


def content_disposition(filename: str, fallback: str) -> str:
    """An attachment named ``filename`` (RFC 6266/5987), with an ASCII ``fallback`` for old clients."""
    ascii_fallback = _UNSAFE_IN_FILENAME.sub("_", fallback.encode("ascii", "replace").decode("ascii"))
    return f"attachment; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(filename)}"
