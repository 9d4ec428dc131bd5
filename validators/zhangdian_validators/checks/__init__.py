"""The portal's frictionless checks, one per file. :func:`checklist` gives them all for a schema,
so ``frictionless.validate(path, checklist=checklist(schema))`` reports them in a standard report."""

from __future__ import annotations

from frictionless import Checklist, system

from zhangdian_validators.checks.credit_code import CreditCodeError, credit_code
from zhangdian_validators.checks.division_code import DivisionCodeError, division_code
from zhangdian_validators.checks.formula_injection import FormulaInjectionError, formula_injection
from zhangdian_validators.checks.impossible_year import ImpossibleYearError, impossible_year
from zhangdian_validators.checks.mobile_number import MobileNumberError, mobile_number
from zhangdian_validators.checks.period_without_year import PeriodWithoutYearError, period_without_year
from zhangdian_validators.checks.personal_information import PersonalInformationError, personal_information
from zhangdian_validators.checks.plugin import ZhangdianPlugin
from zhangdian_validators.checks.resident_id import ResidentIdError, resident_id
from zhangdian_validators.checks.summary_rows import JunkRowError, TitleRowError, TotalsRowError, summary_rows
from zhangdian_validators.schema import cn_format

FIELD_CHECKS = {"resident-id": resident_id, "credit-code": credit_code, "division-code": division_code,
                "mobile": mobile_number}
ERROR_CLASSES = {error.type: error for error in (
    CreditCodeError, DivisionCodeError, FormulaInjectionError, ImpossibleYearError, MobileNumberError,
    PeriodWithoutYearError, PersonalInformationError, ResidentIdError, JunkRowError, TitleRowError,
    TotalsRowError)}

CHECK_CLASSES = {check.type: check for check in (
    credit_code, division_code, formula_injection, impossible_year, mobile_number, period_without_year,
    personal_information, resident_id, summary_rows)}
system.register("zhangdian", ZhangdianPlugin(CHECK_CLASSES, ERROR_CLASSES))

__all__ = ["CHECK_CLASSES", "ERROR_CLASSES", "FIELD_CHECKS", "checklist", "credit_code", "division_code",
           "formula_injection", "impossible_year", "mobile_number", "period_without_year", "personal_information",
           "resident_id", "summary_rows"]


def checklist(schema: dict | None) -> Checklist:
    """Every portal check that applies to a table with ``schema`` (None: the row checks only)."""
    fields = (schema or {}).get("fields", [])
    checks = [personal_information(masked_fields=[f["name"] for f in fields if f.get("masked")]),
              summary_rows(), formula_injection()]
    for field in fields:
        fmt = cn_format(field)
        if fmt:
            checks.append(FIELD_CHECKS[fmt](field_name=field["name"], masked=bool(field.get("masked"))))
        if field.get("type") in ("date", "datetime"):
            checks.append(impossible_year(field_name=field["name"]))
            checks.append(period_without_year(field_name=field["name"]))
    return Checklist(checks=checks)
