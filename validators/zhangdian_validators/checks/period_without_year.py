"""Periods written without their year (``三季度``, ``第二季度``, ``上半年``) in date fields.

The portal's files mix period labels (``201902``, ``2021年第二季度``, ``三季度``): a quarter with a year
is read as the quarter's first day; without the year nobody can tell which quarter is meant.
"""

from __future__ import annotations

import attrs
from frictionless import errors

from zhangdian_validators import chinese, messages
from zhangdian_validators.checks.base import FieldValueCheck


@attrs.define(kw_only=True, repr=False)
class PeriodWithoutYearError(errors.CellError):
    type = "cn-period-without-year"
    title = "Period without a year"
    description = "A quarter or half-year label in a date field that does not say which year."
    template = messages.TEMPLATES["cn-period-without-year"]


@attrs.define(kw_only=True, repr=False)
class period_without_year(FieldValueCheck):
    """Looks at the raw cell: under plain frictionless the value is also a type-error of the date field."""

    type = "cn-period-without-year"
    Errors = [PeriodWithoutYearError]
    reads_raw_cells = True

    @staticmethod
    def inspect(value: str) -> str | None:
        return messages.PERIOD_NOTE if chinese.is_period_without_year(value) else None
