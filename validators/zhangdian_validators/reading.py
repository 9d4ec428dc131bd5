"""Stream the rows of what departments send: CSV (any encoding), XLSX, XLS and JSON arrays.

Rows come out as lists of strings with their 1-based row numbers in the file. Every limit (file size,
field size, unpacked workbook size) fails with a clear Chinese error instead of exhausting memory.
Title rows above the header are found and reported, never silently dropped.
"""

from __future__ import annotations

import csv
import datetime
import itertools
import json
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from zhangdian_validators import messages as M
from zhangdian_validators.encoding import detect_encoding
from zhangdian_validators.errors import FileTooLargeError, SheetNotFoundError, UnreadableFileError

MB = 1024 * 1024
MAX_FIELD_CHARS = 1 * MB
MAX_LINE_CHARS = 4 * MB
MAX_UNPACKED_XLSX_BYTES = 256 * MB
MAX_XLSX_RATIO = 200
MAX_XLS_BYTES = 64 * MB
MAX_JSON_VALUE_CHARS = 4 * MB
JSON_CHUNK_CHARS = 1 * MB
HEADER_SCAN_ROWS = 20
PORTAL_DICTIONARY_KEYS = {"name_cn", "name_en"}
Row = tuple[int, list[str]]


@dataclass
class Table:
    """An opened table: the header, the title rows above it, and a way to stream the data rows."""

    path: Path
    format: str
    labels: list[str]
    header_row: int
    _rows: Callable[[], Iterator[Row]]
    encoding: str | None = None
    sheet: str | None = None
    title_rows: list[tuple[int, str]] = field(default_factory=list)
    position: Callable[[], int] = field(default=lambda: 0, repr=False)

    def bytes_read(self) -> int:
        """How far into the file the rows read so far reach (CSV only; 0 when unknown)."""
        return self.position()

    def rows(self) -> Iterator[Row]:
        """Data rows after the header: (row number in the file, cells as strings)."""
        return (row for row in self._rows() if row[0] > self.header_row)


def _unknown_position() -> int:
    return 0


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def sniff_format(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(64)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in (b"[", b"{"):
        return "json"
    return "csv"


def _bounded_lines(handle, encoding: str) -> Iterator[str]:
    """The lines of a text file, refusing any line longer than MAX_LINE_CHARS (memory stays bounded
    even for a 200 MB file without a single line break)."""
    readline = handle.readline
    number = 0
    while True:
        try:
            line = readline(MAX_LINE_CHARS)
        except UnicodeDecodeError as error:
            raise UnreadableFileError(M.MIXED_ENCODING.format(encoding=encoding, line=number + 1),
                                      M.HINT_RESAVE_ENCODING) from error
        if not line:
            return
        number += 1
        if len(line) == MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            raise FileTooLargeError(M.LINE_TOO_LONG.format(line=number, megabytes=MAX_LINE_CHARS // MB),
                                    M.HINT_LONG_LINE)
        yield line


def _csv_rows(path: Path, encoding: str) -> tuple[Callable[[], Iterator[Row]], Callable[[], int]]:
    current = {}

    def rows() -> Iterator[Row]:
        csv.field_size_limit(MAX_FIELD_CHARS)
        with path.open(encoding=encoding, errors="strict", newline="") as handle:
            current["handle"] = handle
            reader = csv.reader(_bounded_lines(handle, encoding))
            try:
                for number, cells in enumerate(reader, start=1):
                    yield number, cells
            except csv.Error as error:
                if "field larger than field limit" in str(error):
                    raise FileTooLargeError(
                        M.FIELD_TOO_LARGE.format(line=reader.line_num, megabytes=MAX_FIELD_CHARS // MB),
                        M.HINT_LONG_FIELD) from error
                raise UnreadableFileError(M.CSV_SYNTAX.format(line=reader.line_num, reason=error),
                                          M.HINT_RESAVE_CSV) from error

    def position() -> int:
        handle = current.get("handle")
        return handle.buffer.tell() if handle is not None and not handle.closed else 0
    return rows, position


def _check_text(path: Path) -> None:
    with path.open("rb") as handle:
        sample = handle.read(64 * 1024)
    if not sample.strip():
        raise UnreadableFileError(M.FILE_EMPTY, M.HINT_UPLOAD_TABLE)
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFileError(M.BINARY_CONTENT, M.HINT_TABLE_FORMATS)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as error:
        raise UnreadableFileError(M.XLSX_CORRUPT, M.HINT_RESAVE_XLSX) from error
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > MAX_UNPACKED_XLSX_BYTES or unpacked / packed > MAX_XLSX_RATIO:
        raise FileTooLargeError(M.XLSX_BOMB.format(megabytes=unpacked // MB, ratio=unpacked // packed),
                                M.HINT_XLSX_BOMB)


def _xlsx_rows(path: Path, sheet: str | None) -> tuple[Callable[[], Iterator[Row]], str]:
    from openpyxl import load_workbook

    _check_zip(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True)
            names = workbook.sheetnames
            workbook.close()
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise UnreadableFileError(M.XLSX_UNREADABLE.format(reason=type(error).__name__),
                                  M.HINT_RESAVE_XLSX) from error
    chosen = _choose_sheet(names, sheet)

    def rows() -> Iterator[Row]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Data Validation extension is not supported" and the like
            workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            for number, values in enumerate(workbook[chosen].iter_rows(values_only=True), start=1):
                yield number, [_cell_text(v) for v in values]
        finally:
            workbook.close()
    return rows, chosen


def _xls_rows(path: Path, sheet: str | None) -> tuple[Callable[[], Iterator[Row]], str]:
    from python_calamine import CalamineWorkbook

    if path.stat().st_size > MAX_XLS_BYTES:
        raise FileTooLargeError(M.XLS_TOO_LARGE.format(megabytes=MAX_XLS_BYTES // MB), M.HINT_XLS_TOO_LARGE)
    try:
        names = CalamineWorkbook.from_path(str(path)).sheet_names
    except BaseException as error:  # calamine panics (pyo3 PanicException is a BaseException) on broken files
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        raise UnreadableFileError(M.XLS_CORRUPT.format(reason=type(error).__name__), M.HINT_RESAVE_XLS) from error
    chosen = _choose_sheet(names, sheet)

    def rows() -> Iterator[Row]:
        worksheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(chosen)
        # calamine drops empty leading columns (not rows): put them back so column numbers are Excel's.
        padding = [""] * (worksheet.start[1] if worksheet.start else 0)
        for number, values in enumerate(worksheet.iter_rows(), start=1):
            yield number, padding + [_cell_text(v) for v in values]
    return rows, chosen


def _choose_sheet(names: list[str], sheet: str | None) -> str:
    if sheet is None:
        if not names:
            raise UnreadableFileError(M.NO_SHEETS)
        return names[0]
    if sheet not in names:
        raise SheetNotFoundError(M.SHEET_NOT_FOUND.format(sheet=sheet),
                                 M.HINT_SHEET_NAMES.format(names=M.LIST_SEPARATOR.join(names)))
    return sheet


def _json_values(path: Path, encoding: str) -> Iterator[tuple[int, object]]:
    """Stream a file of one or more top-level JSON arrays: (array number, element), elements decoded
    one at a time, so a large array never sits in memory whole."""
    decoder = json.JSONDecoder()
    with path.open(encoding=encoding) as handle:
        buffer, position, eof = "", 0, False

        def refill() -> None:
            nonlocal buffer, position, eof
            chunk = handle.read(JSON_CHUNK_CHARS)
            eof = not chunk
            buffer, position = buffer[position:] + chunk, 0

        array, inside = 0, False
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n,":
                position += 1
            if position == len(buffer):
                if eof:
                    break
                refill()
                continue
            if not inside:
                if buffer[position] != "[":
                    raise UnreadableFileError(_not_an_array(buffer[position:]), M.HINT_JSON_ARRAY)
                array, inside, position = array + 1, True, position + 1
                continue
            if buffer[position] == "]":
                inside, position = False, position + 1
                continue
            try:
                value, end = decoder.raw_decode(buffer, position)
            except ValueError as error:
                if eof:
                    raise UnreadableFileError(M.JSON_SYNTAX.format(reason=error)) from error
                if len(buffer) - position > MAX_JSON_VALUE_CHARS:
                    raise FileTooLargeError(M.JSON_ELEMENT_TOO_LARGE.format(megabytes=MAX_JSON_VALUE_CHARS // MB),
                                            M.HINT_JSON_INCOMPLETE) from error
                refill()
                continue
            if end == len(buffer) and not eof:  # a number may continue in the next chunk
                refill()
                continue
            yield array, value
            position = end
        if inside:
            raise UnreadableFileError(M.JSON_UNFINISHED, M.HINT_JSON_EXPORT_AGAIN)


def _not_an_array(text: str) -> str:
    try:
        value, _ = json.JSONDecoder().raw_decode(text[:MAX_JSON_VALUE_CHARS])
    except ValueError:
        return M.JSON_NOT_AN_ARRAY
    if isinstance(value, dict):
        return M.JSON_AN_OBJECT.format(keys=M.LIST_SEPARATOR.join(list(map(str, value))[:10]))
    return M.JSON_ARRAY_EXPECTED


def _is_dictionary_entry(value) -> bool:
    return isinstance(value, dict) and set(value) == PORTAL_DICTIONARY_KEYS


def _json_cells(item, keys: list[str] | None, known: set[str]) -> list[str]:
    if isinstance(item, dict):
        return ([_cell_text(item.get(key)) for key in keys]
                + [_cell_text(value) for key, value in item.items() if key not in known])
    if isinstance(item, list):
        return [_cell_text(value) for value in item]
    raise UnreadableFileError(M.JSON_BAD_ELEMENT, M.HINT_JSON_ONE_ROW_PER_ELEMENT)


def _json_rows(path: Path) -> Callable[[], Iterator[Row]]:
    """Rows of a JSON array of objects (keys of the first object = header) or of arrays (first =
    header); or the Shandong portal export: line 1 a field dictionary ``[{name_cn, name_en}]``, line 2
    the records keyed by ``name_en`` — the header (row 1) is then the ``name_cn`` titles. Keys missing
    from the header become extra cells (reported), missing keys empty cells."""
    encoding = detect_encoding(path)

    def rows() -> Iterator[Row]:
        values = _json_values(path, encoding)
        first = next(values, None)
        if first is None:
            raise UnreadableFileError(M.JSON_EMPTY_ARRAY, M.HINT_UPLOAD_DATA)
        pending, keys, number, data_array = [first], None, 0, 1
        if _is_dictionary_entry(first[1]):
            dictionary, pending = [first[1]], []
            for array, value in values:
                if array != 1:
                    pending = [(array, value)]
                    break
                if not _is_dictionary_entry(value):
                    raise UnreadableFileError(M.JSON_BAD_DICTIONARY.format())
                dictionary.append(value)
            keys, number, data_array = [str(entry["name_en"]) for entry in dictionary], 1, 2
            yield 1, [str(entry["name_cn"]) for entry in dictionary]
        known = set(keys or ())
        for array, item in itertools.chain(pending, values):
            if array != data_array:
                raise UnreadableFileError(M.JSON_EXTRA_ARRAY, M.HINT_ONE_ARRAY)
            number += 1
            if keys is None and isinstance(item, dict):
                keys, known = list(map(str, item)), set(map(str, item))
                yield number, list(keys)
                number += 1
            yield number, _json_cells(item, keys, known)
    return rows


def _find_header(rows: Iterator[Row], expected: set[str]) -> tuple[int, list[str], list[tuple[int, str]]]:
    window = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    if not window or not any(any(c.strip() for c in cells) for _, cells in window):
        raise UnreadableFileError(M.FILE_WITHOUT_CONTENT, M.HINT_UPLOAD_TABLE)
    widest = max(sum(1 for c in cells if c.strip()) for _, cells in window)
    header = None
    for number, cells in window:
        filled = {c.strip() for c in cells if c.strip()}
        if expected and len(filled & expected) >= max(1, len(expected) // 2):
            header = (number, cells)
            break
        if not expected and len(filled) >= max(2, (widest + 1) // 2):
            header = (number, cells)
            break
    if header is None:
        header = next((number, cells) for number, cells in window if any(c.strip() for c in cells))
    titles = [(number, " ".join(c.strip() for c in cells if c.strip())) for number, cells in window
              if number < header[0] and any(c.strip() for c in cells)]
    return header[0], [c.strip() for c in header[1]], titles


def open_table(path: str | Path, *, sheet: str | None = None, expected_labels: set[str] | None = None) -> Table:
    """Open a table file for streaming; raises :class:`UnreadableFileError` with a Chinese reason."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFileError(M.FILE_NOT_FOUND.format(name=path.name))
    if path.stat().st_size == 0:
        raise UnreadableFileError(M.FILE_EMPTY, M.HINT_UPLOAD_TABLE)
    kind = sniff_format(path)
    encoding = None
    chosen_sheet = None
    position = _unknown_position
    if kind == "xlsx":
        rows, chosen_sheet = _xlsx_rows(path, sheet)
    elif kind == "xls":
        rows, chosen_sheet = _xls_rows(path, sheet)
    elif kind == "json":
        rows = _json_rows(path)
    else:
        _check_text(path)
        encoding = detect_encoding(path)
        rows, position = _csv_rows(path, encoding)
        if sheet:
            raise SheetNotFoundError(M.CSV_WITHOUT_SHEETS.format(sheet=sheet), M.HINT_SHEETS_IN_WORKBOOKS)
    header_row, labels, titles = _find_header(rows(), expected_labels or set())
    return Table(path, kind, labels, header_row, rows, encoding, chosen_sheet, titles, position)
