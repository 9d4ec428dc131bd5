"""The report as the portal computes it: facts from the database, settings from the config."""

from __future__ import annotations

import datetime

import ckan.plugins.toolkit as tk

from ckanext.zhangdian.reports import gather, snapshots
from ckanext.zhangdian.reports.context import Settings
from ckanext.zhangdian.reports.engine import GapReport, compute_report


def settings() -> Settings:
    return Settings(metadata_score_minimum=tk.config.get("ckanext.zhangdian.report_metadata_score_minimum"))


def current_report(today: datetime.date | None = None) -> GapReport:
    return compute_report(gather.report_inputs(today), settings())


def record_snapshot(today: datetime.date | None = None) -> GapReport:
    """Compute today's report and store its indicators (the trend's data point for the day)."""
    report = current_report(today)
    snapshots.record_indicators(report)
    return report
