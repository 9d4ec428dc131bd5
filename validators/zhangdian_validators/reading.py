"""Stream the rows of what departments send: CSV (any encoding), XLSX, XLS and JSON arrays.

Rows come out as lists of strings with their 1-based row numbers in the file. Every limit (file size,
field size, unpacked workbook size) fails with a clear Chinese error instead of exhausting memory.
Title rows above the header are found and reported, never silently dropped.
"""

from __future__ import annotations

import csv
import datetime
import json
import zipfile
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator

from zhangdian_validators.encoding import detect_encoding
from zhangdian_validators.errors import FileTooLargeError, SheetNotFoundError, UnreadableFileError

MAX_FIELD_BYTES = 1024 * 1024
MAX_UNPACKED_XLSX_BYTES = 512 * 1024 * 1024
MAX_XLSX_RATIO = 200
MAX_JSON_BYTES = 100 * 1024 * 1024
HEADER_SCAN_ROWS = 20
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

    def rows(self) -> Iterator[Row]:
        """Data rows after the header: (row number in the file, cells as strings)."""
        return (row for row in self._rows() if row[0] > self.header_row)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def sniff_format(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.lstrip()[:1] in (b"[", b"{"):
        return "json"
    return "csv"


def _csv_rows(path: Path, encoding: str) -> Callable[[], Iterator[Row]]:
    def rows() -> Iterator[Row]:
        csv.field_size_limit(MAX_FIELD_BYTES)
        with path.open(encoding=encoding, errors="strict", newline="") as handle:
            reader = csv.reader(handle)
            try:
                for number, cells in enumerate(reader, start=1):
                    yield number, cells
            except csv.Error as error:
                if "field larger than field limit" in str(error):
                    raise FileTooLargeError(
                        f"第{reader.line_num}行有一个超过 {MAX_FIELD_BYTES // 1024} KB 的单元格",
                        "请检查该行是否缺少引号，或把长文本另存为附件。") from error
                raise UnreadableFileError(f"第{reader.line_num}行无法按 CSV 读取：{error}") from error
            except UnicodeDecodeError as error:
                raise UnreadableFileError(
                    f"文件不是一致的 {encoding} 编码（第{reader.line_num}行附近有无法识别的字符）",
                    "请用 UTF-8 或 GBK 编码另存为 CSV。") from error
    return rows


def _check_text(path: Path) -> None:
    with path.open("rb") as handle:
        sample = handle.read(64 * 1024)
    if not sample.strip():
        raise UnreadableFileError("文件为空", "请上传含表头和数据的文件。")
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFileError("文件不是文本表格（含二进制内容）", "请上传 CSV、XLSX、XLS 或 JSON 文件。")


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as error:
        raise UnreadableFileError("XLSX 文件已损坏，无法打开", "请用 Excel 重新另存为 .xlsx。") from error
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > MAX_UNPACKED_XLSX_BYTES or unpacked / packed > MAX_XLSX_RATIO:
        raise FileTooLargeError(
            f"XLSX 文件解压后过大（{unpacked // (1024 * 1024)} MB，压缩比 {unpacked // packed}:1），疑似压缩炸弹",
            "请确认文件内容，或拆分后另存为 CSV。")


def _xlsx_rows(path: Path, sheet: str | None) -> tuple[Callable[[], Iterator[Row]], str]:
    from openpyxl import load_workbook

    _check_zip(path)
    try:
        names = load_workbook(path, read_only=True).sheetnames
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise UnreadableFileError(f"XLSX 文件无法读取：{type(error).__name__}", "请用 Excel 重新另存为 .xlsx。") from error
    chosen = _choose_sheet(names, sheet)

    def rows() -> Iterator[Row]:
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            for number, values in enumerate(workbook[chosen].iter_rows(values_only=True), start=1):
                yield number, [_cell_text(v) for v in values]
        finally:
            workbook.close()
    return rows, chosen


def _xls_rows(path: Path, sheet: str | None) -> tuple[Callable[[], Iterator[Row]], str]:
    from python_calamine import CalamineWorkbook

    try:
        names = CalamineWorkbook.from_path(str(path)).sheet_names
    except Exception as error:
        raise UnreadableFileError(f"XLS 文件无法读取：{error}", "请用 Excel 另存为 .xlsx 或 CSV。") from error
    chosen = _choose_sheet(names, sheet)

    def rows() -> Iterator[Row]:
        data = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(chosen).iter_rows()
        for number, values in enumerate(data, start=1):
            yield number, [_cell_text(v) for v in values]
    return rows, chosen


def _choose_sheet(names: list[str], sheet: str | None) -> str:
    if sheet is None:
        if not names:
            raise UnreadableFileError("工作簿中没有工作表")
        return names[0]
    if sheet not in names:
        raise SheetNotFoundError(f"找不到工作表“{sheet}”", f"工作簿中的工作表有：{'、'.join(names)}。")
    return sheet


def _json_rows(path: Path) -> Callable[[], Iterator[Row]]:
    if path.stat().st_size > MAX_JSON_BYTES:
        raise FileTooLargeError(f"JSON 文件超过 {MAX_JSON_BYTES // (1024 * 1024)} MB", "大数据量请提供 CSV。")
    try:
        data = json.loads(path.read_text(encoding=detect_encoding(path)))
    except (ValueError, UnicodeDecodeError) as error:
        raise UnreadableFileError(f"JSON 文件无法解析：{error}") from error
    if not isinstance(data, list) or not data:
        raise UnreadableFileError("JSON 文件应为非空数组（每个元素一行）")
    if all(isinstance(item, dict) for item in data):
        keys = list(dict.fromkeys(key for item in data for key in item))
        table = [keys] + [[_cell_text(item.get(key)) for key in keys] for item in data]
    elif all(isinstance(item, list) for item in data):
        table = [[_cell_text(v) for v in item] for item in data]
    else:
        raise UnreadableFileError("JSON 数组的元素应全为对象或全为数组")
    return lambda: iter(enumerate(table, start=1))


def _find_header(rows: Iterator[Row], expected: set[str]) -> tuple[int, list[str], list[tuple[int, str]]]:
    window = list(islice(rows, HEADER_SCAN_ROWS))
    if not window or not any(any(c.strip() for c in cells) for _, cells in window):
        raise UnreadableFileError("文件没有任何内容", "请上传含表头和数据的文件。")
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
        raise UnreadableFileError(f"找不到文件“{path.name}”")
    if path.stat().st_size == 0:
        raise UnreadableFileError("文件为空", "请上传含表头和数据的文件。")
    kind = sniff_format(path)
    encoding = None
    chosen_sheet = None
    if kind == "xlsx":
        rows, chosen_sheet = _xlsx_rows(path, sheet)
    elif kind == "xls":
        rows, chosen_sheet = _xls_rows(path, sheet)
    elif kind == "json":
        rows = _json_rows(path)
    else:
        _check_text(path)
        encoding = detect_encoding(path)
        rows = _csv_rows(path, encoding)
        if sheet:
            raise SheetNotFoundError(f"CSV 文件没有工作表“{sheet}”", "只有 XLSX/XLS 文件可以指定工作表。")
    header_row, labels, titles = _find_header(rows(), expected_labels or set())
    return Table(path, kind, labels, header_row, rows, encoding, chosen_sheet, titles)
