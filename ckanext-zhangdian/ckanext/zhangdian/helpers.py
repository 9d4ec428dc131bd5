"""Template helpers (exported through ``tk.blanket.helpers``; each name starts with ``zhangdian_``)."""

from __future__ import annotations

import ckan.plugins.toolkit as tk

__all__ = ["zhangdian_area_code"]


def zhangdian_area_code() -> str:
    """The portal's GB/T 2260 area code (``ckanext.zhangdian.area_code``), e.g. ``370303``."""
    return tk.config.get("ckanext.zhangdian.area_code")
