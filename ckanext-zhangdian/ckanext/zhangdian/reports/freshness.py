"""Is a dataset updated as often as it declares? Periods and tolerances per update frequency.

The tolerance is the grace period after the period has passed before a dataset counts as overdue
(publishing takes time; a monthly dataset for November is fine until 7 days after the month's length).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ckanext.zhangdian.reports.facts import DatasetFacts
from ckanext.zhangdian.reports.text import day

# frequency code → (period in days, tolerance in days). Irregular, static and other are not checked.
ALLOWED_AGE: dict[str, tuple[int, int]] = {
    "realtime": (1, 1),
    "daily": (1, 2),
    "weekly": (7, 3),
    "monthly": (31, 7),
    "quarterly": (92, 15),
    "semiannual": (183, 30),
    "annual": (366, 60),
}


@dataclass(frozen=True, slots=True)
class Freshness:
    frequency: str
    last_update: str  # ISO date, "" when unknown
    due: str  # ISO date by which the next update was due, "" when unknown
    overdue_days: int  # 0 when on time

    @property
    def on_time(self) -> bool:
        return self.overdue_days == 0 and bool(self.last_update)

    @property
    def tolerance(self) -> int:
        return ALLOWED_AGE[self.frequency][1]


def last_update(dataset: DatasetFacts) -> str:
    """The declared 数据更新时间, else the newest data file's date."""
    if dataset.data_updated:
        return day(dataset.data_updated)
    dates = [day(resource.last_modified or resource.created) for resource in dataset.data_resources]
    return max((date for date in dates if date), default="")


def freshness(dataset: DatasetFacts, today: datetime.date) -> Freshness | None:
    """None when the dataset's frequency is not one that can be checked."""
    allowed = ALLOWED_AGE.get(dataset.update_frequency)
    if allowed is None:
        return None
    last = last_update(dataset)
    if not last:
        return Freshness(dataset.update_frequency, "", "", 0)
    try:
        due = datetime.date.fromisoformat(last) + datetime.timedelta(days=sum(allowed))
    except ValueError:
        return Freshness(dataset.update_frequency, "", "", 0)
    return Freshness(dataset.update_frequency, last, due.isoformat(), max(0, (today - due).days))
