"""Cell-level rules: turn what departments write into normalised values, or raise :class:`ValueProblem`.

Pure functions, no I/O. The row-level and list-level rules (uniqueness, open-attribute policy) live in
``records.py``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from zhangdian_harvesters import messages as msg
from zhangdian_harvesters.messages import Message
from zhangdian_harvesters.vocabularies import FIELD_TYPE, Vocabulary

DEFAULT_CODE_PATTERN = r"[0-9A-Za-z][0-9A-Za-z./-]{3,63}"
# Written in real lists for "nothing here" (catalog.md §6).
NULL_MARKERS = frozenset({"-", "--", "—", "——", "－", "/", "／", "\\", "暂无", "无", "空", "null", "none",
                          "n/a", "na", "nan"})
MIN_YEAR, MAX_YEAR = 1900, 2100
CHINA = dt.timezone(dt.timedelta(hours=8))

_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_DATE_FULL = re.compile(rf"^{_DATE}(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EPOCH_MS = re.compile(r"^\d{12,13}$")
_DATE_TOKEN = re.compile(rf"{_DATE}|(?<!\d)\d{{8}}(?!\d)")
_RANGE_FILLER = re.compile(r"^[\s\-~～至到—–－/]*(至今|今)?[\s]*$")
_DIVISION = re.compile(r"^\d{6}(\d{3}(\d{3})?)?$")
_MOBILE = re.compile(r"^(?:\+?86-?)?(1[3-9]\d{9})$")
_LANDLINE = re.compile(r"^\(?(0\d{2,3})\)?-?(\d{7,8})$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_KEYWORD_SPLIT = re.compile(r"[,，、;；\n]+")
_KEYWORD_OK = re.compile(r"^[\w .\-]{2,100}$")
_ITEM_SPLIT = re.compile(r"[;；\n]+")
_ITEM_PARTS_PIPE = re.compile(r"[|｜]")
_ITEM_PARTS_COLON = re.compile(r"[:：]")

# 张店区 and its townships (catalog.md §1), so a list may write the name instead of the code.
DIVISION_NAMES = {
    "淄博市": "370300", "张店区": "370303", "张店": "370303",
    "车站街道": "370303001", "公园街道": "370303002", "湖田街道": "370303003", "和平街道": "370303004",
    "科苑街道": "370303005", "体育场街道": "370303006", "四宝山街道": "370303007", "马尚街道": "370303009",
    "南定镇": "370303101", "沣水镇": "370303102", "傅家镇": "370303103", "中埠镇": "370303104",
    "房镇镇": "370303107",
}


class ValueProblem(Exception):
    """A cell value that breaks a rule; ``message`` is a :class:`Message`, ``values`` its parameters."""

    def __init__(self, message: Message, **values):
        super().__init__(message.code)
        self.message = message
        self.values = values


def fold(text: str) -> str:
    """NFKC (full-width → half-width) and strip."""
    return unicodedata.normalize("NFKC", text).strip()


def cell_text(value: object) -> str:
    """The text of a cell as a department meant it: numbers without ``.0``, null markers as ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    text = text.strip()
    return "" if fold(text).lower() in NULL_MARKERS else text


def title_key(text: str) -> str:
    """A name folded for duplicate detection: no punctuation, symbols, whitespace or width differences."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PSZC")


def vocabulary_code(vocabulary: Vocabulary, text: str) -> str:
    code = vocabulary.code_for(text)
    if code is None:
        raise ValueProblem(msg.VOCABULARY, value=text, allowed="、".join(vocabulary.labels.values()))
    return code


def resource_code(text: str, pattern: str = DEFAULT_CODE_PATTERN) -> str:
    code = fold(text)
    if not re.fullmatch(pattern, code):
        raise ValueProblem(msg.CODE_PATTERN, value=text)
    return code


def _checked_date(text: str, year: int, month: int, day: int) -> str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueProblem(msg.DATE_YEAR, value=text)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise ValueProblem(msg.DATE, value=text) from None


def iso_date(text: str) -> str:
    """``2021年8月27日`` / ``2021/8/27`` / ``20210827`` / ``2021-08-27 10:00:00.0`` / epoch ms → ``2021-08-27``."""
    folded = fold(text)
    match = _DATE_FULL.match(folded) or _DATE_COMPACT.match(folded)
    if match:
        return _checked_date(text, *(int(part) for part in match.groups()[:3]))
    if _EPOCH_MS.match(folded):
        moment = dt.datetime.fromtimestamp(int(folded) / 1000, tz=CHINA)
        return _checked_date(text, moment.year, moment.month, moment.day)
    raise ValueProblem(msg.DATE, value=text)


def temporal_range(text: str) -> tuple[str, str | None]:
    """``2025/04/27-2026/01/01`` → (start, end); ``2025/04/27`` or ``2025/04/27-至今`` → (start, None)."""
    folded = fold(text)
    tokens = [m.group(0) for m in _DATE_TOKEN.finditer(folded)]
    rest = _DATE_TOKEN.sub(" ", folded)
    if not 1 <= len(tokens) <= 2 or not _RANGE_FILLER.match(rest):
        raise ValueProblem(msg.TEMPORAL_RANGE, value=text)
    dates = [iso_date(token) for token in tokens]
    return dates[0], (dates[1] if len(dates) == 2 else None)


def division_code(text: str) -> str:
    folded = fold(text)
    code = DIVISION_NAMES.get(folded, folded)
    if not _DIVISION.match(code):
        raise ValueProblem(msg.DIVISION, value=text)
    return code


def phone_number(text: str) -> str:
    """A mobile (``+86`` dropped) or a landline with area code, normalised to ``0533-2181234``."""
    folded = re.sub(r"\s+", "", fold(text))
    mobile = _MOBILE.match(folded)
    if mobile:
        return mobile.group(1)
    landline = _LANDLINE.match(folded)
    if landline:
        return f"{landline.group(1)}-{landline.group(2)}"
    raise ValueProblem(msg.PHONE, value=text)


def email(text: str) -> str:
    folded = fold(text)
    if not _EMAIL.match(folded):
        raise ValueProblem(msg.EMAIL, value=text)
    return folded


def natural_number(text: str) -> int:
    folded = re.sub(r"[,\s]|条$|行$|项$", "", fold(text))
    try:
        number = float(folded)
    except ValueError:
        raise ValueProblem(msg.INTEGER, value=text) from None
    if number < 0 or not number.is_integer():
        raise ValueProblem(msg.INTEGER, value=text)
    return int(number)


def keywords(text: str) -> tuple[str, ...]:
    """Split on ``，、;；`` and commas; every keyword must be a valid CKAN tag (2–100 word characters)."""
    found: list[str] = []
    for keyword in (k.strip() for k in _KEYWORD_SPLIT.split(text)):
        if not keyword or keyword in found:
            continue
        if not _KEYWORD_OK.match(keyword):
            raise ValueProblem(msg.KEYWORD, value=keyword)
        found.append(keyword)
    return tuple(found)


def split_items_cell(text: str) -> list[dict[str, str]]:
    """``字段名|中文名称|数据类型|计量单位|说明；…`` → raw item dicts (``:`` separates parts when no ``|``)."""
    splitter = _ITEM_PARTS_PIPE if _ITEM_PARTS_PIPE.search(text) else _ITEM_PARTS_COLON
    items = []
    for chunk in (c.strip() for c in _ITEM_SPLIT.split(text)):
        if not chunk:
            continue
        parts = [p.strip() for p in splitter.split(chunk)] + [""] * 5
        items.append({"name": parts[0], "title": parts[1], "type": parts[2], "unit": parts[3],
                      "description": "|".join(p for p in parts[4:] if p), "source": chunk})
    return items


def field_type(name: str, text: str) -> str:
    if not text:
        raise ValueProblem(msg.ITEM_SYNTAX, value=name, part="数据类型")
    code = FIELD_TYPE.code_for(text)
    if code is None:
        raise ValueProblem(msg.ITEM_TYPE, name=name, value=text,
                           allowed="、".join(FIELD_TYPE.labels.values()))
    return code


def data_file(text: str, base: str | Path | None) -> str:
    """An http(s) URL as is; a relative path resolved against the list's URL or folder (never outside it)."""
    folded = text.strip()
    parts = urlsplit(folded)
    if parts.scheme and len(parts.scheme) > 1:
        if parts.scheme.lower() not in ("http", "https"):
            raise ValueProblem(msg.DATA_FILE_SCHEME, value=text)
        return folded
    relative = PurePosixPath(folded.replace("\\", "/"))
    if relative.is_absolute() or parts.scheme or ".." in relative.parts:
        raise ValueProblem(msg.DATA_FILE_OUTSIDE, value=text)
    if base is None:
        return str(relative)
    if isinstance(base, str):
        return urljoin(base, str(relative))
    return str(Path(base) / relative)
