"""Item 7: hostile input — each gives a clear error (or a clean report) in bounded time and memory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from result_helpers import errors_of, where
from zhangdian_validators import FileTooLargeError, SheetNotFoundError, UnreadableFileError, validate

MB = 1024 * 1024


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n  "], ids=["zero-bytes", "only-whitespace"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "空.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError) as raised:
        validate(path)
    assert (raised.value.message, raised.value.hint) == ("文件为空", "请上传含表头和数据的文件。")


def test_binary_junk_named_csv(tmp_path):
    path = tmp_path / "数据.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4096))
    with pytest.raises(UnreadableFileError, match="文件不是文本表格（含二进制内容）"):
        validate(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "数据.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "不是表格")
    with pytest.raises(UnreadableFileError, match="XLSX 文件无法读取"):
        validate(path)


def test_corrupt_xls_does_not_crash_the_process(tmp_path):
    """python-calamine panics on a broken compound file; the panic is a BaseException, caught."""
    path = tmp_path / "数据.xls"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + os.urandom(3000))
    with pytest.raises(UnreadableFileError, match="XLS 文件已损坏，无法读取"):
        validate(path)


PEAK_RSS = """
import re
with open("/proc/self/status") as status:
    print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1)) // 1024)
"""


def _peak_rss_mb_of(script: str, *args) -> tuple[str, int]:
    """Run ``script`` in a fresh interpreter: its stdout and its peak RSS in MB. VmHWM, not
    ``ru_maxrss``: the latter survives ``exec`` and would count the (large) pytest parent."""
    if not os.path.exists("/proc/self/status"):
        pytest.skip("needs Linux /proc to measure peak memory")
    completed = subprocess.run([sys.executable, "-c", script + PEAK_RSS, *map(str, args)], capture_output=True,
                               text=True, check=True)
    *lines, peak = completed.stdout.strip().splitlines()
    return "\n".join(lines), int(peak)


VALIDATE_SCRIPT = """
import sys
from zhangdian_validators import validate
result = validate(sys.argv[1], output=sys.argv[2])
print(result.rows, result.status, sorted(result.counts.items()))
"""


def test_200_mb_file_is_streamed_in_bounded_memory(tmp_path):
    path = tmp_path / "大文件.csv"
    row = "370303001,张店区公园街道某某社区居民委员会,2021-08-27,12345.67,这是一段用于填充的备注文字，内容并不重要\n".encode()
    rows = 200 * MB // len(row) + 1
    with path.open("wb") as handle:
        handle.write("区划代码,单位名称,日期,金额,备注\n".encode())
        block = row * 10_000
        for _ in range(rows // 10_000):
            handle.write(block)
        handle.write(row * (rows % 10_000))
    assert path.stat().st_size > 200 * MB
    stdout, peak = _peak_rss_mb_of(VALIDATE_SCRIPT, path, tmp_path / "out.csv")
    assert stdout == f"{rows} valid []"
    assert peak < 150, f"peak RSS {peak:.0f} MB for a 200 MB file"


def test_200_mb_without_a_line_break_fails_fast_in_bounded_memory(tmp_path):
    path = tmp_path / "一行.csv"
    with path.open("wb") as handle:
        handle.write("名称,备注\n".encode())
        for _ in range(200):
            handle.write(b"a" * MB)
    stdout, peak = _peak_rss_mb_of("""
import sys
from zhangdian_validators import FileTooLargeError, validate
try:
    validate(sys.argv[1])
except FileTooLargeError as error:
    print(error.message)
""", path)
    assert stdout == "第2行超过 4 MB（文本行过长）"
    assert peak < 150


def test_csv_with_a_10_mb_field_on_one_line(tmp_path):
    path = tmp_path / "长单元格.csv"
    path.write_bytes("名称,备注\n甲,\"".encode() + b"x" * (10 * MB) + b"\"\n")
    with pytest.raises(FileTooLargeError) as raised:
        validate(path)
    assert raised.value.message == "第2行超过 4 MB（文本行过长）"
    assert raised.value.hint == "请检查该行是否缺少换行或引号，或把长文本另存为附件。"


def test_csv_with_a_10_mb_field_spread_over_many_lines(tmp_path):
    path = tmp_path / "长单元格.csv"
    path.write_bytes("名称,备注\n甲,\"".encode() + (b"x" * 99 + b"\n") * (100 * 1024) + b"\"\n")
    with pytest.raises(FileTooLargeError, match="附近有一个超过 1 MB 的单元格"):
        validate(path)


def test_a_large_json_element_is_refused(tmp_path):
    path = tmp_path / "大.json"
    path.write_text('[{"备注": "' + "x" * (5 * MB) + '"}]', encoding="utf-8")
    with pytest.raises(FileTooLargeError, match="JSON 数组中有一个元素超过 4 MB"):
        validate(path)


def test_xlsx_zip_bomb_is_refused_before_unpacking(write_xlsx, monkeypatch):
    path = write_xlsx({"数据": [["名称"], ["甲"]]})
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/padding.xml", "w") as member:
            chunk = b"<row/>" * (MB // 6)
            for _ in range(300):
                member.write(chunk)
    monkeypatch.setattr(openpyxl, "load_workbook", _must_not_unpack)
    with pytest.raises(FileTooLargeError) as raised:
        validate(path)
    assert raised.value.message.startswith("XLSX 文件解压后过大（300 MB，压缩比 ")
    assert raised.value.message.endswith("，疑似压缩炸弹")


def _must_not_unpack(*args, **kwargs):
    raise AssertionError("the workbook was opened before the zip-bomb check")


FORMULAS = ['=HYPERLINK("http://example.com/x","点击")', "=cmd|' /C calc'!A0", "+cmd|' /C notepad'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", " =1+1"]


def test_formula_injection_cells_are_reported_and_neutralised(write_csv, tmp_path):
    rows = [["名称", "备注"]] + [["甲", formula] for formula in FORMULAS] + [["乙", "-5"], ["丙", "+86 138 0013 8000"]]
    output = tmp_path / "out.csv"
    result = validate(write_csv(rows), output=output, open_attribute="closed")
    assert where(result, "formula-injection") == [(row, 2) for row in range(2, 2 + len(FORMULAS))]
    assert errors_of(result, "formula-injection")[0].message == "第2行第2列含公式：以公式开头"
    published = output.read_text(encoding="utf-8-sig").splitlines()
    assert published[1] == "甲,\"'=HYPERLINK(\"\"http://example.com/x\"\",\"\"点击\"\")\""
    assert published[-2:] == ["乙,-5", "丙,+86 138 0013 8000"]


def test_formula_in_an_xlsx_text_cell(write_xlsx):
    result = validate(write_xlsx({"数据": [["名称"], ["=1+1"]]}))
    # A real formula cell is read by its cached value (none here: openpyxl never calculates), never as text.
    assert result.counts == {"blank-row": 1}
    text_cell = validate(write_xlsx({"数据": [["名称"], ["@SUM(A1)"]]}, name="b.xlsx"))
    assert where(text_cell, "formula-injection") == [(2, 1)]


def test_wrong_sheet_name(write_xlsx):
    with pytest.raises(SheetNotFoundError, match="找不到工作表“不存在”"):
        validate(write_xlsx({"数据": [["名称"], ["甲"]]}), sheet="不存在")
