"""Mobile phone numbers: 11 digits starting 13–19 (optionally +86)."""

from __future__ import annotations

import attrs
from frictionless import errors

from zhangdian_validators import chinese
from zhangdian_validators.checks.base import FieldValueCheck


@attrs.define(kw_only=True, repr=False)
class MobileNumberError(errors.CellError):
    type = "cn-mobile"
    title = "Invalid mobile number"
    description = "Not an 11-digit mainland mobile number."
    template = "第{rowNumber}行第{fieldNumber}列手机号码无效：{note}"


@attrs.define(kw_only=True, repr=False)
class mobile_number(FieldValueCheck):
    type = "cn-mobile"
    Errors = [MobileNumberError]

    @staticmethod
    def inspect(value: str) -> str | None:
        if chinese.is_mobile(value) or chinese.is_masked(value):
            return None
        return "应为 11 位、以 13～19 开头的手机号码"
