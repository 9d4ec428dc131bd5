"""居民身份证号 (GB 11643): checksum, real birth date and an area code valid at some time."""

from __future__ import annotations

import attrs
from frictionless import errors

from zhangdian_validators import chinese, messages
from zhangdian_validators.checks.base import FieldValueCheck


@attrs.define(kw_only=True, repr=False)
class ResidentIdError(errors.CellError):
    type = "cn-resident-id"
    title = "Invalid resident ID number"
    description = "A 居民身份证号 fails its GB 11643 checksum, birth date or area code."
    template = messages.TEMPLATES["cn-resident-id"]


@attrs.define(kw_only=True, repr=False)
class resident_id(FieldValueCheck):
    type = "cn-resident-id"
    Errors = [ResidentIdError]

    @staticmethod
    def inspect(value: str) -> str | None:
        problem = chinese.resident_id_problem(value)
        return messages.ID_PROBLEMS[problem] if problem else None
