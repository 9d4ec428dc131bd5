"""Read a list file (CSV, XLSX or JSON) into :class:`Sheet` objects: rows of raw cell values.

- CSV: encoding detected on the first 64 KiB (BOM → UTF-8, strict UTF-8, else ``charset-normalizer``;
  GB2312/GBK guesses are decoded as GB18030), then streamed row by row.
- XLSX: openpyxl in read-only mode, streamed; every sheet is offered (the 1272 templates keep 信息项 in a
  second sheet). Merged cells read as blanks on their continuation rows, which is what the 1272 layout needs.
- JSON: an array of objects (or an object holding one under ``data``/``records``/``items``/``rows``).

Row numbers are what the department sees: the Excel row, the CSV record number (header = 1, as a
spreadsheet shows it), or the 1-based position of the JSON object.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import charset_normalizer
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from zhangdian_harvesters import messages as msg
from zhangdian_harvesters.errors import ListUnreadableError

SAMPLE_BYTES = 64 * 1024
GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "cp936", "hz", "hz_gb_2312", "euc_cn"})
# Other East-Asian multi-byte encodings a detector picks for short GBK samples (cp949 for 车站街道 …).
GB_LOOKALIKES = frozenset({"big5", "big5hkscs", "cp950", "cp949", "euc_kr", "johab", "shift_jis", "cp932",
                           "euc_jp", "euc_jis_2004", "shift_jis_2004", "iso2022_kr", "iso2022_jp"})
JSON_CONTAINER_KEYS = ("data", "records", "items", "rows", "list", "result")
INSTRUCTION_SHEET_NAMES = frozenset({"说明", "填表说明", "使用说明", "instructions"})
ZIP_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"

Row = tuple[int, list[Any]]


@dataclass(frozen=True)
class Sheet:
    """One table of a list file. ``rows()`` yields ``(row_number, [cell values])`` afresh each call."""

    name: str | None
    rows: Callable[[], Iterator[Row]]
    records_layout: bool = False  # JSON: rows are records, headers are keys

    def cell_ref(self, column_index: int, row: int, header: str) -> str:
        """``C7`` (prefixed ``信息项导入!`` outside the main sheet is added by the caller), ``记录3.联系电话``."""
        if self.records_layout:
            return f"记录{row}.{header}"
        return f"{get_column_letter(column_index + 1)}{row}"

    def row_label(self, row: int) -> str:
        return f"第{row}条记录" if self.records_layout else f"第{row}行"


@dataclass(frozen=True)
class ListFile:
    source: str
    file_format: str  # csv | xlsx | json
    encoding: str | None
    sheets: tuple[Sheet, ...]


def _unreadable(source: str, reason: str) -> ListUnreadableError:
    return ListUnreadableError(msg.UNREADABLE, source=source, reason=reason)


def sniff_format(path: Path, declared: str | None = None) -> str:
    if declared:
        return declared.lower().lstrip(".")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        return "xls"
    stripped = head.lstrip(codecs.BOM_UTF8).lstrip()
    if stripped[:1] in (b"[", b"{"):
        return "json"
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("json", "xlsx", "xls") else "csv"


def detect_encoding(sample: bytes, complete: bool) -> str:
    """The encoding of a CSV sample; ``complete`` tells whether the sample is the whole file."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if not complete and error.reason == "unexpected end of data" and error.start >= len(sample) - 3:
            return "utf-8"
    if b"\x00" in sample:
        raise ValueError("二进制文件")
    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise ValueError("无法识别文件编码")
    encoding = best.encoding.lower().replace("-", "_")
    if encoding in GB_FAMILY or (encoding in GB_LOOKALIKES and _decodes(sample, "gb18030", complete)):
        return "gb18030"  # lists here are Chinese: GB2312/GBK guesses and CJK look-alikes → GB18030
    return encoding


def _decodes(sample: bytes, encoding: str, complete: bool) -> bool:
    try:
        sample.decode(encoding) if complete else codecs.getincrementaldecoder(encoding)().decode(sample)
        return True
    except UnicodeDecodeError:
        return False


@contextmanager
def open_list_file(path: str | Path, *, source: str | None = None,
                   file_format: str | None = None) -> Iterator[ListFile]:
    """Open a local list file; sheets are readable only inside the ``with`` block."""
    path = Path(path)
    source = source or str(path)
    if not path.is_file():
        raise _unreadable(source, "文件不存在")
    kind = sniff_format(path, file_format)
    if kind == "xls":
        raise _unreadable(source, "这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx")
    if kind == "xlsx":
        with _open_xlsx(path, source) as list_file:
            yield list_file
    elif kind == "json":
        yield _read_json(path, source)
    elif kind in ("csv", "txt"):
        yield _open_csv(path, source)
    else:
        raise _unreadable(source, f"不支持的格式 {kind}")


def _open_csv(path: Path, source: str) -> ListFile:
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
        complete = not handle.read(1)
    if not sample.strip():
        raise ListUnreadableError(msg.UNREADABLE, source=source, reason="文件是空的")
    try:
        encoding = detect_encoding(sample, complete)
        first_line = sample.decode(encoding, errors="ignore").splitlines()[0]
    except (ValueError, LookupError) as error:
        raise _unreadable(source, str(error)) from None
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","

    def rows() -> Iterator[Row]:
        with open(path, "rb") as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            number = 0
            try:
                for number, row in enumerate(csv.reader(text, delimiter=delimiter), start=1):
                    yield number, row
            except (UnicodeDecodeError, csv.Error) as error:
                raise _unreadable(source, f"第 {number + 1} 行附近无法按 {encoding} 解码：{error}") from None

    return ListFile(source, "csv", encoding, (Sheet(None, rows),))


@contextmanager
def _open_xlsx(path: Path, source: str) -> Iterator[ListFile]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise _unreadable(source, f"不是有效的 XLSX 文件（{error}）") from None
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            if worksheet.title.strip().lower() in INSTRUCTION_SHEET_NAMES:
                continue
            if worksheet.max_row is None:
                worksheet.reset_dimensions()
            sheets.append(Sheet(worksheet.title, _worksheet_rows(worksheet)))
        yield ListFile(source, "xlsx", None, tuple(sheets))
    finally:
        workbook.close()


def _worksheet_rows(worksheet) -> Callable[[], Iterator[Row]]:
    def rows() -> Iterator[Row]:
        for number, values in enumerate(worksheet.iter_rows(min_row=1, min_col=1, values_only=True), 1):
            yield number, list(values)
    return rows


def _read_json(path: Path, source: str) -> ListFile:
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _unreadable(source, f"不是有效的 UTF-8 JSON（{error}）") from None
    if isinstance(data, dict):
        data = next((data[k] for k in JSON_CONTAINER_KEYS if isinstance(data.get(k), list)), None)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise _unreadable(source, "JSON 清单必须是对象数组，每个对象是一个信息资源")
    headers: list[str] = []
    for record in data:
        headers.extend(key for key in record if key not in headers)

    def rows() -> Iterator[Row]:
        yield 0, list(headers)
        for number, record in enumerate(data, start=1):
            yield number, [record.get(header) for header in headers]

    return ListFile(source, "json", "utf-8", (Sheet(None, rows, records_layout=True),))
