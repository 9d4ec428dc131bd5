"""Item 4: the personal-information leak guard — every column, declared or not; blocks publishing unless
the column is declared masked and its values are masked; reports never echo the values."""

from __future__ import annotations

import json

import pytest
from stdnum import luhn

from result_helpers import errors_of, where
from zhangdian_validators import chinese, render_html, render_text, summary, validate
from zhangdian_validators.report import render_json

RESIDENT_ID = "370303199001011239"
MOBILE = "13800138000"
BANK_CARD = "6222021234567890128"
# 18 digits, a valid 统一社会信用代码 that also passes Luhn: public enterprise data, not a bank card.
DIGITS_ONLY_CREDIT_CODE = "513703035000000362"
# A resident ID (湖南长沙) that starts like a card number and passes Luhn: reported once, as an ID.
LUHN_VALID_RESIDENT_ID = "430102199001010251"


def test_fixture_values_are_what_they_claim():
    assert chinese.is_resident_id(RESIDENT_ID) and chinese.is_mobile(MOBILE)
    assert luhn.is_valid(BANK_CARD) and chinese.is_bank_card(BANK_CARD)
    assert chinese.credit_code_problem(DIGITS_ONLY_CREDIT_CODE) is None and luhn.is_valid(DIGITS_ONLY_CREDIT_CODE)
    assert chinese.is_resident_id(LUHN_VALID_RESIDENT_ID) and luhn.is_valid(LUHN_VALID_RESIDENT_ID)


@pytest.mark.parametrize("cell, kinds", [
    (RESIDENT_ID, "身份证号"),
    (f"联系人王某，电话{MOBILE}", "手机号码"),
    ("手机 +86 138 0013 8000", "手机号码"),
    (BANK_CARD, "银行卡号"),
    ("6222 0212 3456 7890 128", "银行卡号"),
    (f"{RESIDENT_ID}/{MOBILE}", "身份证号、手机号码"),
    (LUHN_VALID_RESIDENT_ID, "身份证号"),
])
def test_personal_identifiers_in_an_undeclared_column_block_publishing(write_csv, cell, kinds):
    result = validate(write_csv([["单位", "备注"], ["公园街道", "无"], ["湖田街道", cell]]))
    assert result.status == "blocked" and result.blocking and not result.valid
    error = errors_of(result, "personal-information")[0]
    assert (error.row_number, error.field_number, error.field_name, error.note) == (3, 2, "备注", kinds)


@pytest.mark.parametrize("cell", [
    "6222021234567890123",          # fails Luhn
    DIGITS_ONLY_CREDIT_CODE,         # an enterprise's credit code
    "12345678901",                   # not a mobile prefix
    "370303********1239", "138****8000",  # already masked
    "2181-02-06 00:00:00.0",
])
def test_non_personal_numbers_pass(write_csv, cell):
    assert validate(write_csv([["编号"], [cell]])).counts["personal-information"] == 0


def test_columns_beyond_the_schema_are_scanned_too(write_csv):
    result = validate(write_csv([["名称"], ["甲", MOBILE]]), {"fields": [{"name": "名称"}]})
    assert where(result, "personal-information") == [(2, 2)]
    assert errors_of(result, "personal-information")[0].field_name == "第2列"
    assert result.pii_columns == {"第2列": {"kinds": ["手机号码"], "rows": [2], "count": 1}}


def test_masked_column_with_masked_values_may_be_published(write_csv):
    schema = {"fields": [{"name": "姓名"}, {"name": "身份证号", "masked": True}, {"name": "手机", "masked": True}]}
    path = write_csv([["姓名", "身份证号", "手机"], ["王*", "370303********1239", "138****8000"]])
    assert validate(path, schema).status == "valid"


def test_unmasked_value_in_a_masked_column_still_blocks(write_csv):
    schema = {"fields": [{"name": "姓名"}, {"name": "身份证号", "masked": True}]}
    path = write_csv([["姓名", "身份证号"], ["王*", "370303********1239"], ["李*", RESIDENT_ID]])
    result = validate(path, schema)
    assert result.status == "blocked"
    assert where(result, "personal-information") == [(3, 2)]


def test_masked_values_in_a_column_not_declared_masked_pass_but_an_unmasked_one_blocks(write_csv):
    path = write_csv([["身份证号"], ["370303********1239"], [RESIDENT_ID]])
    result = validate(path, {"fields": [{"name": "身份证号", "cnFormat": "resident-id"}]})
    assert where(result, "personal-information") == [(3, 1)]


def test_closed_data_is_not_scanned(write_csv):
    assert validate(write_csv([["身份证号"], [RESIDENT_ID]]), open_attribute="closed").valid


def test_columns_and_row_numbers_are_summarised(write_csv):
    rows = [["姓名", "证件"]] + [["某", RESIDENT_ID if n % 2 else "无"] for n in range(60)]
    result = validate(write_csv(rows))
    info = result.pii_columns["证件"]
    assert (info["kinds"], info["count"], info["rows"]) == (["身份证号"], 30, list(range(3, 43, 2)))
    assert summary(result)["personal_information_columns"] == result.pii_columns


def test_reports_never_echo_the_values(write_csv):
    path = write_csv([["姓名", "身份证号", "手机", "卡号"], ["王某", RESIDENT_ID, MOBILE, "6222 0212 3456 7890 128"]])
    result = validate(path)
    texts = [render_text(result), render_html(result), render_json(result), json.dumps(summary(result), ensure_ascii=False),
             repr(result.errors)]
    for text in texts:
        for secret in (RESIDENT_ID, MOBILE, BANK_CARD, "6222 0212 3456 7890 128", "00138000"):
            assert secret not in text
    assert "370303********1239" in texts[0]
    assert "138****8000" in texts[0]
    assert "622202*********0128" in texts[0]
    error = errors_of(result, "personal-information")[0]
    assert error.cells == ["王某", "370303********1239", "138****8000", "622202*********0128"]
