"""Normalising what departments write, so the same resource is recognised under small differences."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")
_AREA_PREFIX = re.compile(r"^(山东省|淄博市|张店区|张店)+")
_GENERIC_SUFFIX = re.compile(r"(数据集|信息|数据|目录|清单|列表|一览表|名录|表)$")


def normalise_title(title: str) -> str:
    """``"张店区 公交线路信息（2024）"`` and ``"公交线路(2024)"`` both → ``"公交线路2024"``.

    Full-width forms folded, case, spaces and punctuation dropped, the area prefix and one generic
    suffix (信息, 数据, 目录, 表…) removed. A title that would become empty stays as folded.
    """
    folded = _NOT_WORD.sub("", unicodedata.normalize("NFKC", title).lower())
    stem = _GENERIC_SUFFIX.sub("", _AREA_PREFIX.sub("", folded))
    return stem or folded


def normalise_field_name(name: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", name).lower())


def day(value: str) -> str:
    """The ISO date part of a date or timestamp string ("" stays "")."""
    return (value or "")[:10]
