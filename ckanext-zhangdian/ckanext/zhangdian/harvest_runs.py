"""Running harvests synchronously (``harvest run``) and reading their jobs back.

A run holds a PostgreSQL advisory lock on its source for as long as the process lives, so two runs of
one source cannot overlap, and a run killed with ``kill -9`` releases the lock with its connection.
A job still marked "Running" while nobody holds the lock was left by a dead run: it is closed with
an error instead of blocking the source forever (a known ckanext-harvest complaint).
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from typing import Callable, Iterator

import ckan.model as model
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckanext.harvest import queue
from ckanext.harvest.logic import HarvestJobExists
from ckanext.harvest.model import HarvestGatherError, HarvestJob, HarvestObject, HarvestObjectError

from ckanext.zhangdian.harvester import ZhangdianListHarvester
from ckanext.zhangdian.reports import service

OUTCOMES = ("created", "updated", "unchanged", "withdrawn", "failed")


class SourceBusyError(Exception):
    """Another run of the same source is in progress."""


def _site_context() -> dict:
    return {"user": tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]}


@contextlib.contextmanager
def source_lock(source_id: str) -> Iterator[None]:
    key = int.from_bytes(hashlib.sha256(source_id.encode()).digest()[:8], "big", signed=True)
    with model.meta.engine.connect() as connection:
        if not connection.execute(sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
            raise SourceBusyError(source_id)
        try:
            yield
        finally:
            connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": key})


def _job_to_run(context: dict, source_id: str) -> HarvestJob:
    """A new job for the source; a job queued but not started (New) is run instead. We hold the
    source's lock, so a job still "Running" belongs to a run that died: it is closed with an error."""
    unfinished = model.Session.query(HarvestJob).filter(
        HarvestJob.source_id == source_id, HarvestJob.status.in_(("New", "Running"))).all()
    queued = [job for job in unfinished if job.status == "New"]
    if queued:
        return queued[0]
    for stale in unfinished:
        HarvestGatherError.create("运行中断（进程已退出），本次任务作废。", stale)
        tk.get_action("harvest_job_abort")(context, {"source_id": source_id})
    try:
        job = tk.get_action("harvest_job_create")(context, {"source_id": source_id, "run": False})
    except HarvestJobExists as error:  # another process queued one just now
        raise SourceBusyError(source_id) from error
    return HarvestJob.get(job["id"])


@dataclass
class RunReport:
    job_id: str
    status: str
    started: str = ""
    finished: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    gather_errors: list[str] = field(default_factory=list)
    object_errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.gather_errors and not sum(self.counts.values())) or self.counts.get("failed", 0) > 0


def run_source(source_id_or_name: str, progress: Callable[[int], contextlib.AbstractContextManager]
               | None = None) -> RunReport:
    """Run one source's harvest now, in this process: gather, then fetch + import each object."""
    context = _site_context()
    source = tk.get_action("harvest_source_show")(context, {"id": source_id_or_name})
    with source_lock(source["id"]):
        job = _job_to_run(context, source["id"])
        job.status = "Running"
        job.save()
        harvester = ZhangdianListHarvester()
        object_ids = queue.gather_stage(harvester, job) or []
        bar = progress(len(object_ids)) if progress else contextlib.nullcontext(None)
        with bar as advance:
            for object_id in object_ids:
                queue.fetch_and_import_stages(harvester, HarvestObject.get(object_id))
                if advance is not None:
                    advance.update(1)
        tk.get_action("harvest_jobs_run")(context, {"source_id": source["id"]})
    service.record_snapshot()  # the trend gets a point per day with harvests
    return job_report(job.id)


def job_report(job_id: str) -> RunReport:
    """Counts by outcome and every error of a job, read back from ckanext-harvest's tables."""
    job = HarvestJob.get(job_id)
    if job is None:
        raise tk.ObjectNotFound(job_id)
    counts = dict.fromkeys(OUTCOMES, 0)
    for harvest_object in model.Session.query(HarvestObject).filter_by(harvest_job_id=job.id):
        extras = {extra.key: extra.value for extra in harvest_object.extras}
        if harvest_object.state == "ERROR":
            counts["failed"] += 1
        elif "outcome" in extras:
            counts[extras["outcome"]] += 1
    gather_errors = [error.message for error in job.gather_errors]
    object_errors = [
        (error.object.guid, error.message)
        for error in model.Session.query(HarvestObjectError).join(HarvestObject)
        .filter(HarvestObject.harvest_job_id == job.id).order_by(HarvestObjectError.created)
    ]
    return RunReport(job.id, job.status, _timestamp(job.gather_started or job.created), _timestamp(job.finished),
                     counts, gather_errors, object_errors)


def _timestamp(value) -> str:
    """ckanext-harvest stores some job times as datetimes and some as ISO strings."""
    return str(value)[:19].replace("T", " ") if value else ""
