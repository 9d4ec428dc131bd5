"""3. An exception (有条件开放/不予开放) without a legal basis, or past its re-review date."""

from __future__ import annotations

from typing import Iterator

from ckanext.zhangdian.reports.context import ReportContext
from ckanext.zhangdian.reports.findings import Finding, Message
from ckanext.zhangdian.reports.text import day

ATTRIBUTE_LABELS = {"conditional": "conditionally open", "closed": "not open"}


def check(context: ReportContext) -> Iterator[Finding]:
    today = context.today.isoformat()
    for dataset in context.published:
        if dataset.open_attribute not in ATTRIBUTE_LABELS:
            continue
        attribute = Message.of(ATTRIBUTE_LABELS[dataset.open_attribute])
        if not (dataset.legal_basis and dataset.exception_reason):
            yield Finding(
                "exception_basis", dataset.department, dataset.resource_code, dataset.title,
                Message.of("Marked {attribute} without a legal basis.", attribute=attribute),
                Message.of("State the exception reason and the law or regulation with its article, or "
                           "open the dataset unconditionally."),
                day(dataset.metadata_modified), dataset.name)
        elif dataset.review_date and day(dataset.review_date) < today:
            yield Finding(
                "exception_basis", dataset.department, dataset.resource_code, dataset.title,
                Message.of("Marked {attribute}; its re-review date {date} has passed.",
                           attribute=attribute, date=day(dataset.review_date)),
                Message.of("Review the exception again: open the dataset, or confirm the basis and set a "
                           "new re-review date."),
                day(dataset.review_date), dataset.name)
    for entry in context.inputs.list_entries:
        if entry.policy_problem:
            yield Finding(
                "exception_basis", entry.department, entry.resource_code, entry.title,
                Message.of("The open-data list marks it {attribute} without a legal basis (row {row}); it "
                           "is not published.", attribute=Message.of(
                               ATTRIBUTE_LABELS.get(entry.open_attribute, "not open")), row=entry.row or "?"),
                Message.of("Add the exception reason and legal basis to the list row, or open the "
                           "resource unconditionally."),
                day(entry.first_listed))
