"""A minimal legacy Excel (BIFF8 .xls) writer for the tests: text and number cells, several sheets.

No maintained Python library writes .xls any more, and departments still send it. The file is a
Compound File (512-byte sectors, one FAT sector, one directory sector) holding one ``Workbook``
stream padded past the 4096-byte mini-stream cutoff: globals (BOF, BOUNDSHEET per sheet, EOF), then
each sheet (BOF, LABEL/NUMBER cells, EOF). Enough for python-calamine to read it as Excel does.
"""

from __future__ import annotations

import struct
from pathlib import Path

SECTOR = 512
END_OF_CHAIN, FREE, FAT_SECTOR, NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _record(kind: int, payload: bytes) -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def _bof(sheet_type: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, sheet_type, 0x0DBB, 0x07CC, 0, 6))


def _cell(row: int, column: int, value) -> bytes:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _record(0x0203, struct.pack("<HHHd", row, column, 0, float(value)))
    text = str(value).encode("utf-16-le")
    return _record(0x0204, struct.pack("<HHHHB", row, column, 0, len(text) // 2, 1) + text)


def _sheet_stream(rows: list[list]) -> bytes:
    cells = b"".join(_cell(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row) if v not in (None, ""))
    return _bof(0x0010) + cells + _record(0x000A, b"")


def workbook_stream(sheets: dict[str, list[list]]) -> bytes:
    names = list(sheets)
    sheet_streams = [_sheet_stream(sheets[name]) for name in names]

    def boundsheet(name: str, offset: int) -> bytes:
        encoded = name.encode("utf-16-le")
        return _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(encoded) // 2, 1) + encoded)

    globals_length = len(_bof(0x0005)) + sum(len(boundsheet(n, 0)) for n in names) + 4
    offsets, position = [], globals_length
    for stream in sheet_streams:
        offsets.append(position)
        position += len(stream)
    globals_part = _bof(0x0005) + b"".join(boundsheet(n, o) for n, o in zip(names, offsets)) + _record(0x000A, b"")
    return globals_part + b"".join(sheet_streams)


def _directory_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, NO_STREAM, NO_STREAM, child)
            + b"\0" * 16 + struct.pack("<I", 0) + b"\0" * 16 + struct.pack("<IQ", start, size))


def write_xls(path: Path, sheets: dict[str, list[list]]) -> Path:
    stream = workbook_stream(sheets)
    stream = stream.ljust(max(4096, -(-len(stream) // SECTOR) * SECTOR), b"\0")
    stream_sectors = len(stream) // SECTOR
    fat = [FAT_SECTOR, END_OF_CHAIN] + [3 + i for i in range(stream_sectors - 1)] + [END_OF_CHAIN]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x003E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
              + struct.pack("<I", 0) + struct.pack("<I", FREE) * 108)
    directory = (_directory_entry("Root Entry", 5, 1, END_OF_CHAIN, 0)
                 + _directory_entry("Workbook", 2, NO_STREAM, 2, len(stream))
                 + _directory_entry("", 0, NO_STREAM, 0, 0) * 2)
    path.write_bytes(header + struct.pack(f"<{SECTOR // 4}I", *fat) + directory + stream)
    return path
