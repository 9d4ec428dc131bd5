"""5. Metadata incomplete: the metadata score is below the minimum (what is missing is listed)."""

from __future__ import annotations

from typing import Iterator

from ckanext.zhangdian.reports.context import ReportContext
from ckanext.zhangdian.reports.findings import Finding, Message
from ckanext.zhangdian.reports.text import day


def check(context: ReportContext) -> Iterator[Finding]:
    minimum = context.settings.metadata_score_minimum
    for dataset in context.published:
        score = context.scores[dataset.id]
        if score.score >= minimum:
            continue
        yield Finding(
            "metadata_incomplete", dataset.department, dataset.resource_code, dataset.title,
            Message.of("Metadata score {score} (minimum {minimum}); missing: {missing}.",
                       score=score.score, minimum=minimum, missing=score.missing),
            Message.of("Complete the missing items in the open-data list or on the dataset's edit page."),
            day(dataset.metadata_modified), dataset.name, (("metadata_score", str(score.score)),))
