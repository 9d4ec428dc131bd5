"""Encoding detection and raw reading, on real Shandong portal files (GBK without BOM)."""

from __future__ import annotations

import pytest

from zhangdian_harvesters.reading import detect_encoding, open_list_file

PORTAL = "sd_portal_wakaka"


@pytest.mark.parametrize(("name", "first_header"), [
    ("weihai_marine_gdp_by_district_GBK.csv", "年份/季度"),
    ("weihai_distant_fishing_vessels_GBK.csv", "作业方式"),
])
def test_real_gbk_portal_csv_is_decoded_as_gb18030(realdata, name, first_header):
    with open_list_file(realdata / PORTAL / name) as list_file:
        (sheet,) = list_file.sheets
        number, header = next(sheet.rows())

    assert list_file.encoding == "gb18030"
    assert (number, header[0]) == (1, first_header)


def test_real_utf8_bom_file_is_read_as_utf8_sig(realdata):
    with open_list_file(realdata / PORTAL / "sd_public_data_api_services.csv") as list_file:
        assert list_file.encoding == "utf-8-sig"


@pytest.mark.parametrize("text", ["编号,名称\n1,车站街道\n2,和平街道\n", "代码,名称\nA001,张店区公交线路信息\n"])
def test_short_gbk_samples_are_not_mistaken_for_korean_or_big5(text):
    assert detect_encoding(text.encode("gbk"), complete=True) == "gb18030"


def test_utf8_sample_cut_inside_a_character_is_still_utf8():
    data = "张店区".encode("utf-8") * 10
    assert detect_encoding(data[:-1], complete=False) == "utf-8"


def test_binary_content_is_refused():
    with pytest.raises(ValueError):
        detect_encoding(b"\x00\x01\x02\xff\xfe\x00" * 20, complete=True)
