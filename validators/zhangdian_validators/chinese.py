"""Chinese identifiers and formats: recognise, check and mask them (no I/O, no state).

Checksums come from python-stdnum: ``stdnum.cn.ric`` (居民身份证号, GB 11643, with its table of
historical area codes) and ``stdnum.cn.uscc`` (统一社会信用代码, GB 32100).
"""

from __future__ import annotations

import datetime
import re

from stdnum import luhn
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)")
BANK_CARD = re.compile(r"(?<!\d)(?:62|4|5[1-5]|3[47])\d{13,17}(?!\d)")
DIVISION_CODE = re.compile(r"\d{6}(?:\d{3}(?:\d{3})?)?")
MASK_RUN = re.compile(r"[*＊xX]{3,}")

_DATE_FORMATS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"), "ymd"),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$"), "ymd"),
)
_QUARTER = re.compile(r"^(\d{4})年(?:第)?([一二三四1-4])季度$")
_QUARTER_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
EARLIEST_PLAUSIBLE_YEAR = 1900


def is_resident_id(value: str) -> bool:
    """A valid 18-digit 居民身份证号: checksum, real birth date, an area code that existed."""
    try:
        ric.validate(value)
    except StdnumError:
        return False
    return True


def resident_id_problem(value: str) -> str | None:
    """Why ``value`` is not a valid resident ID (a key of messages.ID_PROBLEMS), or None."""
    compact = value.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", compact):
        return "format"
    try:
        ric.validate(compact)
    except StdnumError as error:
        name = type(error).__name__
        return {"InvalidChecksum": "checksum", "InvalidComponent": "component"}.get(name, "format")
    return None


def credit_code_problem(value: str) -> str | None:
    try:
        uscc.validate(value.strip())
    except StdnumError as error:
        name = type(error).__name__
        return {"InvalidChecksum": "checksum", "InvalidLength": "length"}.get(name, "format")
    return None


def is_mobile(value: str) -> bool:
    return MOBILE.fullmatch(value.strip()) is not None


def is_bank_card(value: str) -> bool:
    digits = value.replace(" ", "").replace("-", "")
    return BANK_CARD.fullmatch(digits) is not None and luhn.is_valid(digits)


def personal_information_kinds(value: str) -> set[str]:
    """Which kinds of personal identifiers appear (unmasked) in a cell: id / mobile / bank_card."""
    kinds = set()
    if len(value) < 11:
        return kinds
    for match in RESIDENT_ID.finditer(value):
        if is_resident_id(match.group().upper()):
            kinds.add("id")
            break
    if MOBILE.search(value):
        kinds.add("mobile")
    for match in BANK_CARD.finditer(value.replace(" ", "")):
        if luhn.is_valid(match.group()):
            kinds.add("bank_card")
            break
    return kinds


def is_masked(value: str) -> bool:
    """A masked identifier such as ``370303********1234`` or ``138****5678``."""
    return MASK_RUN.search(value) is not None


def mask(value: str) -> str:
    """Hide personal identifiers in a cell before it goes into a report or a log."""
    value = RESIDENT_ID.sub(lambda m: m.group()[:6] + "*" * 8 + m.group()[-4:], value)
    value = MOBILE.sub(lambda m: m.group()[:-8] + "****" + m.group()[-4:], value)
    return BANK_CARD.sub(lambda m: m.group()[:4] + "*" * (len(m.group()) - 8) + m.group()[-4:], value)


def parse_chinese_date(value: str) -> datetime.date | None:
    """A date in the formats Chinese government files use; a quarter gives its first day."""
    text = value.strip()
    for pattern, _order in _DATE_FORMATS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups()[:3])
            try:
                return datetime.date(year, month, day)
            except ValueError:
                return None
    match = _QUARTER.match(text)
    if match:
        return datetime.date(int(match.group(1)), 3 * _QUARTER_NUMBERS[match.group(2)] - 2, 1)
    return None


def is_plausible_year(year: int, today: datetime.date | None = None) -> bool:
    return EARLIEST_PLAUSIBLE_YEAR <= year <= (today or datetime.date.today()).year + 1
