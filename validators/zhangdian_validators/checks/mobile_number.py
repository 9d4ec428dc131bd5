"""Mobile phone numbers: 11 digits starting 13–19 (optionally +86)."""

from __future__ import annotations

import attrs
from frictionless import errors

from zhangdian_validators import chinese, messages
from zhangdian_validators.checks.base import FieldValueCheck


@attrs.define(kw_only=True, repr=False)
class MobileNumberError(errors.CellError):
    type = "cn-mobile"
    title = "Invalid mobile number"
    description = "Not an 11-digit mainland mobile number."
    template = messages.TEMPLATES["cn-mobile"]


@attrs.define(kw_only=True, repr=False)
class mobile_number(FieldValueCheck):
    type = "cn-mobile"
    Errors = [MobileNumberError]

    @staticmethod
    def inspect(value: str) -> str | None:
        if chinese.is_mobile(value) or chinese.is_masked(value):
            return None
        return messages.MOBILE_NOTE
