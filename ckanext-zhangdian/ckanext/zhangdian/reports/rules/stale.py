"""4. Stale: the last data update is older than the declared update frequency allows."""

from __future__ import annotations

from typing import Iterator

from zhangdian_harvesters.vocabularies import UPDATE_FREQUENCY

from ckanext.zhangdian.reports.context import ReportContext
from ckanext.zhangdian.reports.findings import Finding, Message
from ckanext.zhangdian.reports.freshness import freshness
from ckanext.zhangdian.reports.text import day


def check(context: ReportContext) -> Iterator[Finding]:
    for dataset in context.published:
        state = freshness(dataset, context.today)
        if state is None or state.on_time:
            continue
        frequency = UPDATE_FREQUENCY.label(state.frequency)
        if not state.last_update:
            yield Finding(
                "stale", dataset.department, dataset.resource_code, dataset.title,
                Message.of("Should be updated {frequency}, but the last data update is not known.",
                           frequency=frequency),
                Message.of("Fill in the data update date (数据更新时间) in the open-data list."),
                day(dataset.metadata_created), dataset.name)
            continue
        yield Finding(
            "stale", dataset.department, dataset.resource_code, dataset.title,
            Message.of("Should be updated {frequency}; {days} days overdue (last update {last}, "
                       "{tolerance} days' grace).", frequency=frequency, days=state.overdue_days,
                       last=state.last_update, tolerance=state.tolerance),
            Message.of("Publish the current data and update the data update date, or correct the "
                       "declared update frequency."),
            state.due, dataset.name, (("overdue_days", str(state.overdue_days)),))
