"""统一社会信用代码 (GB 32100): 18 characters, checksum (python-stdnum)."""

from __future__ import annotations

import attrs
from frictionless import errors

from zhangdian_validators import chinese, messages
from zhangdian_validators.checks.base import FieldValueCheck


@attrs.define(kw_only=True, repr=False)
class CreditCodeError(errors.CellError):
    type = "cn-credit-code"
    title = "Invalid unified social credit code"
    description = "A 统一社会信用代码 fails its GB 32100 format or checksum."
    template = messages.TEMPLATES["cn-credit-code"]


@attrs.define(kw_only=True, repr=False)
class credit_code(FieldValueCheck):
    type = "cn-credit-code"
    Errors = [CreditCodeError]

    @staticmethod
    def inspect(value: str) -> str | None:
        problem = chinese.credit_code_problem(value)
        return messages.CREDIT_CODE_PROBLEMS[problem] if problem else None
