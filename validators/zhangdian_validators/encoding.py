"""Which encoding a department's text file is in.

BOMs first; then strict UTF-8 over a large sample; then strict GB18030 (the superset of GB2312 and
GBK that loses no characters — Shandong portal CSVs are GBK without a BOM); only if both fail,
charset-normalizer, whose Chinese guesses (GB2312, GBK, CP936 — and CP949/Big5 on short samples)
are read as GB18030 too. A multi-byte character cut at the end of the sample is not an error.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

SAMPLE_BYTES = 1024 * 1024
DETECTOR_SAMPLE_BYTES = 64 * 1024
CHINESE_SUPERSET = "gb18030"
_READ_AS_GB18030 = {"gb2312", "gbk", "cp936", "gb18030", "hz", "cp949", "euc_kr", "big5", "big5hkscs"}


def _decodes(sample: bytes, encoding: str, whole_file: bool) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=whole_file)
    except UnicodeDecodeError:
        return False
    return True


def _looks_like_mis_decoded_chinese(sample: bytes, whole_file: bool) -> bool:
    """Short GBK text can also be valid UTF-8 (``路`` is C2 B7, UTF-8 for ``·``). Such a UTF-8 reading
    has no Chinese and no accented Latin letters (U+00C0–U+00FF, as in ``Café``), only symbols or rare
    scripts, while the GB18030 reading is Chinese: prefer the latter."""
    text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=whole_file)
    unusual = [ch for ch in text if ord(ch) > 0x7F]
    if not unusual or any("\u4e00" <= ch <= "\u9fff" or "\xc0" <= ch <= "\xff" for ch in unusual):
        return False
    if not _decodes(sample, CHINESE_SUPERSET, whole_file):
        return False
    chinese = codecs.getincrementaldecoder(CHINESE_SUPERSET)().decode(sample, final=whole_file)
    return any("\u4e00" <= ch <= "\u9fff" for ch in chinese)


def detect_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
        whole_file = not handle.read(1)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _decodes(sample, "utf-8", whole_file):
        return CHINESE_SUPERSET if _looks_like_mis_decoded_chinese(sample, whole_file) else "utf-8"
    if _decodes(sample, CHINESE_SUPERSET, whole_file):
        return CHINESE_SUPERSET
    best = from_bytes(sample[:DETECTOR_SAMPLE_BYTES]).best()
    if best is None:
        return CHINESE_SUPERSET
    name = best.encoding.lower().replace("-", "_")
    return CHINESE_SUPERSET if name in _READ_AS_GB18030 else best.encoding
