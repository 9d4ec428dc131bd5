"""Template helpers of the dataset pages (re-exported by ``helpers.py``; names start with ``zhangdian_``)."""

from __future__ import annotations

__all__: list[str] = []
