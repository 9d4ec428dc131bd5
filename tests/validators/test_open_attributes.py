"""The 开放属性 decides whether the personal-information guard runs: the portal's Chinese labels and the
harvester's codes are both accepted; anything else is refused rather than guessed."""

from __future__ import annotations

import pytest

from zhangdian_validators import ValidatorError, validate

RESIDENT_ID = "370303199001011239"


@pytest.mark.parametrize("open_attribute, status", [
    ("无条件开放", "blocked"), ("有条件开放", "blocked"), ("不予开放", "valid"),
    ("unconditional", "blocked"), ("conditional", "blocked"), ("closed", "valid"),
])
def test_open_attribute_labels_and_codes(write_csv, open_attribute, status):
    result = validate(write_csv([["证件"], [RESIDENT_ID]]), open_attribute=open_attribute)
    assert result.status == status


def test_default_is_unconditional_opening(write_csv):
    result = validate(write_csv([["证件"], [RESIDENT_ID]]))
    assert result.blocking and result.status == "blocked"


def test_unknown_open_attribute_is_refused(write_csv):
    with pytest.raises(ValidatorError) as raised:
        validate(write_csv([["证件"], [RESIDENT_ID]]), open_attribute="公开")
    assert raised.value.message == "开放属性“公开”无法识别（应为 无条件开放、有条件开放 或 不予开放）"
