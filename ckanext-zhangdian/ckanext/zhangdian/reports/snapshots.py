"""What the report keeps over time: each department list as last read, and daily indicators (trends)."""

from __future__ import annotations

import datetime
from typing import Iterable

import ckan.model as model
from sqlalchemy.dialects.postgresql import insert

from ckanext.zhangdian import clock
from ckanext.zhangdian.model import IndicatorSnapshot, ListSnapshot
from ckanext.zhangdian.reports.engine import GapReport

OVERALL = ""  # the department key of the district-wide indicators


def record_list(source_id: str, organization_id: str, records: Iterable) -> None:
    """Store the rows of a department list just read (``ListRecord`` s), keeping each code's first
    appearance so findings can say since when. Committed by the caller."""
    today = clock.today().isoformat()
    previous = model.Session.get(ListSnapshot, source_id)
    first_listed = {entry["resource_code"]: entry.get("first_listed") or today
                    for entry in (previous.entries if previous else [])}
    entries = [{"resource_code": record.code, "title": record.title, "open_attribute": record.open_attribute,
                "row": record.row, "policy_problem": record.policy_problem or "",
                "first_listed": first_listed.get(record.code, today)} for record in records]
    snapshot = previous or ListSnapshot(source_id=source_id)
    snapshot.organization_id = organization_id
    snapshot.entries = entries
    snapshot.read_at = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    model.Session.add(snapshot)


def record_indicators(report: GapReport) -> int:
    """Store (replace) the report's indicators for its day: one row per department plus the district."""
    day = datetime.date.fromisoformat(report.today)
    rows = [(OVERALL, report.overall)] + [(d.department.name, d.indicators) for d in report.departments]
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    for department, indicators in rows:
        values = {"day": day, "department": department, "indicators": indicators.as_dict(), "recorded_at": now}
        model.Session.execute(insert(IndicatorSnapshot).values(**values).on_conflict_do_update(
            index_elements=["day", "department"], set_={"indicators": values["indicators"], "recorded_at": now}))
    model.Session.commit()
    return len(rows)


def trend(department: str = OVERALL, days: int = 365) -> list[tuple[str, dict]]:
    """(ISO day, indicators) of one department (default: the district), oldest first."""
    since = clock.today() - datetime.timedelta(days=days)
    rows = (model.Session.query(IndicatorSnapshot)
            .filter(IndicatorSnapshot.department == department, IndicatorSnapshot.day >= since)
            .order_by(IndicatorSnapshot.day))
    return [(row.day.isoformat(), row.indicators) for row in rows]
