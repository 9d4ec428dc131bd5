"""GB/T 2260 administrative division codes: 6 (county), 9 (township) or 12 (village) digits.

The first six digits must be a code used at some time (python-stdnum's table, abolished codes included)."""

from __future__ import annotations

import attrs
from frictionless import errors

from zhangdian_validators import chinese, messages
from zhangdian_validators.checks.base import FieldValueCheck


@attrs.define(kw_only=True, repr=False)
class DivisionCodeError(errors.CellError):
    type = "cn-division-code"
    title = "Invalid administrative division code"
    description = "Not a GB/T 2260 division code."
    template = messages.TEMPLATES["cn-division-code"]


@attrs.define(kw_only=True, repr=False)
class division_code(FieldValueCheck):
    type = "cn-division-code"
    Errors = [DivisionCodeError]

    @staticmethod
    def inspect(value: str) -> str | None:
        problem = chinese.division_code_problem(value)
        return messages.DIVISION_CODE_PROBLEMS[problem] if problem else None
