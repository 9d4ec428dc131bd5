"""GB/T 2260 administrative division codes: 6 (county), 9 (township) or 12 (village) digits.

The county part must be a code that existed at some time (python-stdnum's historical table)."""

from __future__ import annotations

import attrs
from frictionless import errors
from stdnum.cn import ric

from zhangdian_validators import chinese
from zhangdian_validators.checks.base import FieldValueCheck


@attrs.define(kw_only=True, repr=False)
class DivisionCodeError(errors.CellError):
    type = "cn-division-code"
    title = "Invalid administrative division code"
    description = "Not a GB/T 2260 division code."
    template = "第{rowNumber}行第{fieldNumber}列行政区划代码“{cell}”无效：{note}"


def _known_county(code: str) -> bool:
    # stdnum's resident-ID check knows every county code ever used; probe it with a valid date.
    body = code[:6] + "20000101001"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2))) % 11]
    return ric.is_valid(body + check)


@attrs.define(kw_only=True, repr=False)
class division_code(FieldValueCheck):
    type = "cn-division-code"
    Errors = [DivisionCodeError]

    @staticmethod
    def inspect(value: str) -> str | None:
        if not chinese.DIVISION_CODE.fullmatch(value):
            return "应为 6、9 或 12 位数字"
        if not (value.endswith("0000") and value[:2] != "00") and not _known_county(value):
            return "前 6 位不是任何时期使用过的区县代码"
        return None
