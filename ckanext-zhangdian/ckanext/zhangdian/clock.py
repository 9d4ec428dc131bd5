"""The portal's calendar: today's date where the portal is.

Days — the day a download is counted on, freshness deadlines, re-review dates, the gap report's daily
snapshots — turn over at midnight in ``ckan.display_timezone`` (Asia/Shanghai for this portal), not at
midnight on the server's clock (often UTC, eight hours earlier).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import ckan.plugins.toolkit as tk

__all__ = ["today"]


def today() -> datetime.date:
    """Today in ``ckan.display_timezone``; the server's date when that is unset or ``server``."""
    zone = tk.config.get("ckan.display_timezone")
    if not zone or zone == "server":
        return datetime.date.today()
    return datetime.datetime.now(ZoneInfo(zone)).date()
