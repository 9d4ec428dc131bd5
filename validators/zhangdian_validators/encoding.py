"""Which encoding a department's text file is in.

BOMs first; then strict UTF-8 over a large sample; otherwise charset-normalizer, whose Chinese guesses
(GB2312, GBK, CP936 — and CP949/Big5 on short samples) are read as GB18030, the superset that loses
no characters.
"""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

SAMPLE_BYTES = 1024 * 1024
CHINESE_SUPERSET = "gb18030"
_READ_AS_GB18030 = {"gb2312", "gbk", "cp936", "gb18030", "hz", "cp949", "euc_kr", "big5", "big5hkscs"}


def _strict_utf8(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is not an error.
        return error.start >= len(sample) - 3 and len(sample) == SAMPLE_BYTES
    return True


def detect_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if _strict_utf8(sample):
        return "utf-8"
    best = from_bytes(sample).best()
    if best is None:
        return CHINESE_SUPERSET
    name = best.encoding.lower().replace("-", "_")
    return CHINESE_SUPERSET if name in _READ_AS_GB18030 else best.encoding
