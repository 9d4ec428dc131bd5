"""Item 3: Chinese checks — resident ID, unified social credit code, division codes, mobiles, dates."""

from __future__ import annotations

import datetime
import random

import pytest
from stdnum.cn import ric, uscc

from result_helpers import errors_of, where
from zhangdian_validators import chinese, validate


def _resident_id(first17: str) -> str:
    return first17 + chinese.resident_id_check_char(first17)


def test_credit_code_check_character_agrees_with_python_stdnum():
    rng = random.Random(32100)
    for _ in range(2000):
        first17 = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(17))
        assert chinese.credit_code_check_char(first17) == uscc.calc_check_digit(first17)


def test_check_characters_of_the_standards_examples():
    assert chinese.resident_id_check_char("11010519491231002") == "X"   # GB 11643
    assert chinese.credit_code_check_char("91110000600037341") == "L"   # GB 32100


@pytest.mark.parametrize("value, problem", [
    ("11010519491231002X", None),                 # the GB 11643 example
    ("11010519491231002x", None),                 # lower-case check character
    (_resident_id("37030319500101123"), None),    # 张店区 (code since 1983), born 1950: valid, stdnum says no
    (_resident_id("11010320150101123"), None),    # 崇文区 (abolished 2010): people keep their number
    ("110105194912310021", "checksum"),
    (_resident_id("37030319990230123"), "birth-date"),   # 30 February
    (_resident_id("37030321990101123"), "birth-date"),   # born in 2199
    (_resident_id("37030318700101123"), "birth-date"),   # before 1880
    (_resident_id("99000019900101123"), "area"),
    (_resident_id("37039919900101123"), "area"),          # no county 370399 ever
    ("11010519491231002", "format"),
    ("1101051949123100XX", "format"),
])
def test_resident_id_problems(value, problem):
    assert chinese.resident_id_problem(value, today=datetime.date(2026, 1, 1)) == problem


def test_stdnum_alone_would_reject_older_zhangdian_residents():
    """Why the area check is ours: python-stdnum requires the county to exist in the birth year."""
    number = _resident_id("37030319500101123")
    assert not ric.is_valid(number)
    assert chinese.is_resident_id(number)


@pytest.mark.parametrize("value, problem", [
    ("91110000600037341L", None), ("91370303MA3C1234X" + uscc.calc_check_digit("91370303MA3C1234X"), None),
    ("91110000600037341A", "checksum"), ("9111000060003734", "length"), ("91110000600037341I", "format"),
    ("9111000O600037341L", "format"),
])
def test_credit_code_problems(value, problem):
    assert chinese.credit_code_problem(value) == problem


def test_credit_codes_of_letter_registration_authorities_are_valid():
    """GB 32100 authorities include letters (N 农业: 村集体经济组织), which stdnum's validate() rejects."""
    body = "N2370303MA3C1234X"
    code = body + uscc.calc_check_digit(body)
    assert not uscc.is_valid(code)
    assert chinese.credit_code_problem(code) is None


@pytest.mark.parametrize("value, problem", [
    ("370303", None), ("370300", None), ("370000", None), ("370303001", None), ("370303001001", None),
    ("110103", None),  # abolished 2010, still a code that existed
    ("370399", "unknown"), ("990000", "unknown"), ("37030", "format"), ("3703030011", "format"), ("37O303", "format"),
])
def test_division_code_problems(value, problem):
    assert chinese.division_code_problem(value) == problem


@pytest.mark.parametrize("value, valid", [
    ("13800138000", True), ("+8613800138000", True), ("19912345678", True),
    ("12345678901", False), ("1380013800", False), ("0533-2181234", False),
])
def test_mobile_numbers(value, valid):
    assert chinese.is_mobile(value) is valid


SCHEMA = {"fields": [
    {"name": "身份证号", "masked": True},               # recognised by its title
    {"name": "tyshxydm", "title": "统一社会信用代码"},   # … here by the title, not the name
    {"name": "区划", "cnFormat": "division-code"},
    {"name": "联系电话", "cnFormat": "mobile", "masked": True},
]}


def test_identifier_columns_give_our_error_types_with_row_column_and_chinese_messages(write_csv):
    path = write_csv([["身份证号", "统一社会信用代码", "区划", "联系电话"],
                      ["370303********1234", "91110000600037341L", "370303", "138****5678"],
                      ["110105194912310021", "91110000600037341A", "370399", "1380013800"]])
    result = validate(path, SCHEMA)
    assert {kind: where(result, kind) for kind in ("cn-resident-id", "cn-credit-code", "cn-division-code", "cn-mobile")} == {
        "cn-resident-id": [(3, 1)], "cn-credit-code": [(3, 2)], "cn-division-code": [(3, 3)], "cn-mobile": [(3, 4)]}
    assert [e.message for e in result.errors if e.type.startswith("cn-")] == [
        "第3行第1列身份证号无效：校验位错误",
        "第3行第2列统一社会信用代码“91110000600037341A”无效：校验位错误",
        "第3行第3列行政区划代码“370399”无效：前 6 位不是任何时期使用过的区划代码",
        "第3行第4列手机号码无效：应为 11 位、以 13～19 开头的手机号码",
    ]


@pytest.mark.parametrize("text, iso", [
    ("2021-08-27", "2021-08-27"), ("2021-8-27", "2021-08-27"), ("2021年8月27日", "2021-08-27"),
    ("2021/8/27", "2021-08-27"), ("2021.8.27", "2021-08-27"), ("20210827", "2021-08-27"),
    ("2021-08-27 00:00:00.0", "2021-08-27"), ("2021年第二季度", "2021-04-01"), ("2023年一季度", "2023-01-01"),
    ("2022年4季度", "2022-10-01"), ("1630000000000", "2021-08-27"),  # epoch milliseconds, China time
])
def test_chinese_date_formats_are_dates_and_normalised_to_iso(write_csv, tmp_path, text, iso):
    output = tmp_path / "out.csv"
    result = validate(write_csv([["日期"], [text]]), {"fields": [{"name": "日期", "type": "date"}]}, output=output)
    assert result.valid
    assert output.read_text(encoding="utf-8-sig") == f"日期\n{iso}\n"


@pytest.mark.parametrize("text", ["2021年13月1日", "2021-02-30", "2021年", "8月27日", "二〇二一年八月"])
def test_non_dates_are_type_errors(write_csv, text):
    result = validate(write_csv([["日期"], [text]]), {"fields": [{"name": "日期", "type": "date"}]})
    assert [(e.type, e.cell, e.note) for e in result.errors] == [("type-error", text, 'type is "date/default"')]


@pytest.mark.parametrize("text", ["三季度", "第二季度", "4季度", "上半年"])
def test_periods_without_a_year_are_flagged_with_their_own_error(write_csv, text):
    result = validate(write_csv([["期间"], ["2021年第二季度"], [text]]), {"fields": [{"name": "期间", "type": "date"}]})
    assert [(e.type, e.row_number, e.field_number, e.cell) for e in result.errors] == [
        ("cn-period-without-year", 3, 1, text)]
    assert result.errors[0].message == f"第3行第1列期间“{text}”没有年份"


@pytest.mark.parametrize("text, iso", [
    ("2021-08-27T09:05:00", "2021-08-27T09:05:00"), ("2021/8/27 9:05", "2021-08-27T09:05:00"),
    ("2021年8月27日 9时05分", "2021-08-27T09:05:00"), ("20210827090500", "2021-08-27T09:05:00"),
])
def test_chinese_datetime_formats(write_csv, tmp_path, text, iso):
    output = tmp_path / "out.csv"
    assert validate(write_csv([["时间"], [text]]), {"fields": [{"name": "时间", "type": "datetime"}]}, output=output).valid
    assert output.read_text(encoding="utf-8-sig").splitlines()[1] == iso


def test_impossible_years_are_flagged(write_csv):
    next_year = datetime.date.today().year + 1
    path = write_csv([["日期"], ["2181-02-06"], ["0171-11-06 00:00:00.0"], ["1899-12-31"], [f"{next_year}-01-01"],
                      [f"{next_year + 1}-01-01"]])
    result = validate(path, {"fields": [{"name": "日期", "type": "date"}]})
    assert [(e.row_number, e.note) for e in errors_of(result, "cn-impossible-year")] == [
        (2, "2181 年"), (3, "171 年"), (4, "1899 年"), (6, f"{next_year + 1} 年")]
    assert errors_of(result, "cn-impossible-year")[0].message == "第2行第1列日期“2181-02-06”的年份不合理：2181 年"
