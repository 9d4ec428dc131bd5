"""Converting a stored CSV to CSV with BOM, JSON and XLSX (``ckanext.zhangdian.conversions``), on the
files departments really produce: UTF-8 with and without BOM, GBK, UTF-16 from Excel, ragged rows,
repeated or empty headers, very long cells, formulas, and files too large for a worksheet."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import openpyxl
import pytest

from ckanext.zhangdian import conversions


def _file(tmp_path: Path, content: str | bytes, encoding: str = "utf-8", name: str = "data.csv") -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return str(path)


def _csv(path: str) -> str:
    return b"".join(conversions.csv_chunks(path, conversions.profile(path).encoding)).decode("utf-8")


def _json(path: str):
    return json.loads(b"".join(conversions.json_chunks(path, conversions.profile(path).encoding)))


def _sheet(path: str, tmp_path: Path, title: str = "数据", **limits):
    target = tmp_path / "out.xlsx"
    conversions.write_xlsx(path, target, title, **limits)
    return openpyxl.load_workbook(target).active


@pytest.mark.parametrize("encoding, content", [
    ("utf-8", "名称,街道\n张店区第一中学,车站街道\n"),
    ("utf-8-sig", "名称,街道\n张店区第一中学,车站街道\n"),
    ("gbk", "名称,街道\r\n张店区第一中学,车站街道\r\n"),
    ("utf-16", "名称,街道\r\n张店区第一中学,车站街道\r\n"),  # Excel's "Unicode text"
])
def test_every_encoding_departments_use_becomes_utf8_with_one_bom(tmp_path, encoding, content):
    path = _file(tmp_path, content, encoding)

    assert _csv(path) == "\ufeff名称,街道\n张店区第一中学,车站街道\n"


def test_gbk_text_after_a_long_ascii_start_is_still_read_as_gbk(tmp_path):
    ascii_rows = "".join(f"{n},{n * 2}\n" for n in range(200_000))  # > 1 MiB before the first Chinese text
    path = _file(tmp_path, "code,value\n" + ascii_rows + "张店,车站街道\n", "gbk")

    assert conversions.profile(path).encoding == "gb18030"
    assert _csv(path).endswith("张店,车站街道\n")


def test_a_file_in_no_readable_encoding_is_refused_not_garbled(tmp_path):
    path = _file(tmp_path, codecs.BOM_UTF8 + "名称\n".encode("utf-8") + b"\xff\xfe\xfa\n")

    with pytest.raises(conversions.UnreadableFile):
        conversions.profile(path)


def test_formulas_are_defused_in_csv_but_signed_numbers_and_phones_are_not(tmp_path):
    path = _file(tmp_path, '名称,数值,电话\n"=HYPERLINK(""http://x"")",-5,+86 533 2180000\n@SUM(A1),+3,0533-2180000\n')

    assert _csv(path) == ('\ufeff名称,数值,电话\n"\'=HYPERLINK(""http://x"")",-5,+86 533 2180000\n'
                          "'@SUM(A1),+3,0533-2180000\n")


def test_json_records_keep_every_column_under_a_unique_key(tmp_path):
    path = _file(tmp_path, "名称,名称,,备注\n甲,乙,丙,丁\n短行\n戊,己,庚,辛,多出的值\n")

    assert _json(path) == [
        {"名称": "甲", "名称_2": "乙", "列3": "丙", "备注": "丁"},
        {"名称": "短行", "名称_2": "", "列3": "", "备注": ""},
        {"名称": "戊", "名称_2": "己", "列3": "庚", "备注": "辛", "列5": "多出的值"},
    ]


@pytest.mark.parametrize("content, records", [("", []), ("名称,街道\n", []), ("\n\n名称\n\n甲\n", [{"名称": "甲"}])])
def test_empty_and_header_only_files_give_valid_json(tmp_path, content, records):
    assert _json(_file(tmp_path, content)) == records


def test_a_cell_longer_than_the_csv_modules_default_limit_is_kept_whole(tmp_path):
    long_text = "长" * 200_000
    path = _file(tmp_path, f"说明\n{long_text}\n")

    assert _json(path) == [{"说明": long_text}]
    assert conversions.profile(path).longest_cell == 200_000


def test_xlsx_drops_control_characters_xml_cannot_hold(tmp_path):
    sheet = _sheet(_file(tmp_path, "名称\n张店\x01区\n"), tmp_path)

    assert sheet["A2"].value == "张店区"


def test_xlsx_keeps_every_cell_as_text_and_never_a_formula(tmp_path):
    path = _file(tmp_path, '统一社会信用代码,名称,数值\n91370303MA3C00001X,"=HYPERLINK(""http://x"")",0012\n', "gbk")

    sheet = _sheet(path, tmp_path)

    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["统一社会信用代码", "名称", "数值"], ["91370303MA3C00001X", '=HYPERLINK("http://x")', "0012"]]
    assert {cell.data_type for row in sheet.iter_rows() for cell in row} == {"s"}


@pytest.mark.parametrize("title, expected", [
    ("张店区公交线路信息", "张店区公交线路信息"), ("线路/站点[2026]", "线路站点2026"), ("'引号'", "引号"),
    ("History", "数据"), ("", "数据"), ("很" * 40, "很" * 31),
])
def test_worksheet_titles_are_ones_excel_accepts(tmp_path, title, expected):
    assert _sheet(_file(tmp_path, "a\n1\n"), tmp_path, title).title == expected


@pytest.mark.parametrize("content, limits, limit", [
    ("a\n1\n2\n", {"max_rows": 2}, "rows"),
    (",".join(["x"] * 16_385) + "\n", {}, "columns"),
    ("a\n" + "x" * 32_768 + "\n", {}, "cell"),
])
def test_data_too_large_for_a_worksheet_is_refused_before_writing(tmp_path, content, limits, limit):
    path = _file(tmp_path, content)

    with pytest.raises(conversions.TooLargeForExcel) as raised:
        conversions.write_xlsx(path, tmp_path / "out.xlsx", "数据", **limits)

    assert raised.value.limit == limit
    assert not (tmp_path / "out.xlsx").exists()


def test_the_workbook_is_built_once_per_version_of_the_file(tmp_path):
    path = _file(tmp_path, "名称\n甲\n")
    cache = tmp_path / "cache"

    first = conversions.cached_xlsx(path, cache, "resource-1", "数据", 1000)
    first_written = first.stat().st_mtime_ns
    again = conversions.cached_xlsx(path, cache, "resource-1", "数据", 1000)
    again_written = again.stat().st_mtime_ns
    Path(path).write_text("名称\n乙\n", encoding="utf-8")
    os.utime(path, ns=(first_written + 10**9, first_written + 10**9))
    changed = conversions.cached_xlsx(path, cache, "resource-1", "数据", 1000)

    assert again == first and again_written == first_written
    assert changed != first and not first.exists()
    assert openpyxl.load_workbook(changed).active["A2"].value == "乙"
    assert sorted(p.name for p in (cache / "resource-1").iterdir()) == [changed.name]


def test_a_failed_build_leaves_no_partial_workbook(tmp_path):
    path = _file(tmp_path, "a\n1\n2\n")
    cache = tmp_path / "cache"

    with pytest.raises(conversions.TooLargeForExcel):
        conversions.cached_xlsx(path, cache, "resource-1", "数据", max_rows=2)

    assert list((cache / "resource-1").iterdir()) == []


@pytest.mark.parametrize("title, name, expected", [
    ("张店区公交线路信息", "", "张店区公交线路信息.csv"),
    ("张店区公交线路信息", "2026年", "张店区公交线路信息-2026年.csv"),
    ('线路"表"\r\nX-Evil: 1', "", "线路_表_X-Evil_ 1.csv"),
    ("../../etc/passwd", "", "_.._etc_passwd.csv"),
    ("", "", "data.csv"),
])
def test_download_filenames_are_safe(title, name, expected):
    assert conversions.download_filename(title, name, "csv") == expected


def test_content_disposition_has_an_ascii_fallback_and_the_chinese_name():
    header = conversions.content_disposition("张店区 线路.csv", 'zd-"x"\r\n.csv')

    assert header == ("attachment; filename=\"zd-_x_.csv\"; "
                      "filename*=UTF-8''%E5%BC%A0%E5%BA%97%E5%8C%BA%20%E7%BA%BF%E8%B7%AF.csv")
