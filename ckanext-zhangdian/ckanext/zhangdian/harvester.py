"""The ``zhangdian_list`` harvest source type (ckanext-harvest): a department's open-data list.

Thin glue around ``zhangdian_harvesters``: gather = read + validate the list, fetch = download +
validate each data file, import = publish through ``LocalCKAN`` (the same publisher the CLI and
RemoteCKAN users run). ckanext-harvest provides sources, jobs, queues, scheduling and job reports.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckanapi import LocalCKAN
from ckanext.harvest.harvesters.base import HarvesterBase
from ckanext.harvest.interfaces import IHarvester
from ckanext.harvest.model import HarvestObject, HarvestObjectExtra
from zhangdian_harvesters import HarvestError, read_list
from zhangdian_harvesters.pipeline import (
    NO_BASIS_REASON, REMOVED_REASON, PlannedDataset, is_unchanged, plan_datasets, prepare_publication)
from zhangdian_harvesters.publish import (
    LOOK_UP, UNCHANGED, CatalogPublisher, Publication, PublishedFile, completed_fingerprint)

from ckanext.zhangdian import harvest_settings
from ckanext.zhangdian.reports import snapshots

log = logging.getLogger(__name__)

PUBLISH, WITHDRAW = "publish", "withdraw"


def _extra(harvest_object: HarvestObject, key: str, value: str) -> None:
    harvest_object.extras.append(HarvestObjectExtra(key=key, value=value))


def _make_current(harvest_object: HarvestObject, package_id: str, current: bool = True) -> None:
    """This object now stands for the dataset (ckanext-harvest's "current"); earlier ones no longer do."""
    model.Session.query(HarvestObject).filter(
        HarvestObject.package_id == package_id, HarvestObject.current.is_(True),
        HarvestObject.id != harvest_object.id).update({"current": False}, synchronize_session=False)
    harvest_object.package_id = package_id
    harvest_object.current = current


def _confirmed_in_database(published: dict[str, dict]) -> dict[str, dict]:
    """Search results whose copy in Solr matches the database (Solr is written before the database
    commits, so a killed run can leave it ahead); the others are left for a fresh look-up."""
    ids = [dataset["id"] for dataset in published.values()]
    modified = dict(model.Session.query(model.Package.id, model.Package.metadata_modified)
                    .filter(model.Package.id.in_(ids))) if ids else {}
    return {code: dataset for code, dataset in published.items()
            if dataset["id"] in modified
            and modified[dataset["id"]].isoformat()[:22] == (dataset.get("metadata_modified") or "")[:22]}


class ZhangdianListHarvester(HarvesterBase, p.SingletonPlugin):
    """Harvests a department's 数据开放清单 (CSV/XLSX/JSON, URL or allowed local path)."""

    p.implements(IHarvester)

    def info(self) -> dict[str, str]:
        return {
            "name": "zhangdian_list",
            "title": tk._("Zhangdian open-data list"),
            "description": tk._("A department's open-data list (CSV, XLSX or JSON) and its data files."),
        }

    def validate_config(self, config: str | None) -> str | None:
        return harvest_settings.validate_source_config(config)

    # gather: read and validate the list --------------------------------------------------------

    def gather_stage(self, harvest_job) -> list[str] | None:
        source = harvest_job.source
        owner_org = model.Package.get(source.id).owner_org
        try:
            location = harvest_settings.list_location(source.url)
            result = read_list(location, defaults=harvest_settings.source_defaults(source.config),
                               code_pattern=tk.config.get("ckanext.zhangdian.resource_code_pattern"),
                               fetch_options=harvest_settings.list_fetch_options())
        except (HarvestError, ValueError) as error:
            self._save_gather_error(str(error), harvest_job)
            return None
        for problem in result.problems:
            self._save_gather_error(f"{problem.message}（{problem.hint}）", harvest_job)
        for finding in result.findings:
            self._save_gather_error(f"提示：{finding.message}（{finding.hint}）", harvest_job)
        snapshots.record_list(source.id, owner_org, result.records)

        publisher = CatalogPublisher(LocalCKAN(), source.id)
        in_search = publisher.published_codes()
        published = _confirmed_in_database(in_search)
        published_before = dict(published)
        workdir = harvest_settings.workdir(f"gather-{harvest_job.id}")
        ids = []
        for planned in plan_datasets(result, owner_org):
            published.pop(planned.resource_code, None)
            if planned.policy_problem:
                existing = published_before.get(planned.resource_code)  # only this source's own datasets
                if existing is None:
                    continue
                ids.append(self._object(harvest_job, planned.resource_code, WITHDRAW,
                                        {"id": existing["id"], "reason": NO_BASIS_REASON}))
            else:
                previous = published_before.get(planned.resource_code)
                if is_unchanged(planned, previous, workdir, harvest_settings.fetch_options()):
                    self._unchanged_object(harvest_job, planned.resource_code, previous["id"])
                    continue
                known = previous is not None or planned.resource_code not in in_search
                ids.append(self._object(harvest_job, planned.resource_code, PUBLISH,
                                        {"planned": planned.to_json(), "previous": previous,
                                         "previous_known": known}))
        for code, dataset in published.items():
            ids.append(self._object(harvest_job, code, WITHDRAW,
                                    {"id": dataset["id"], "reason": REMOVED_REASON}))
        model.Session.commit()
        shutil.rmtree(workdir, ignore_errors=True)
        if not ids and result.problems:
            self._save_gather_error("清单没有可发布的信息资源。", harvest_job)
            return None
        return [harvest_object.id for harvest_object in ids]

    def _unchanged_object(self, job, code: str, package_id: str) -> None:
        """Record an unchanged dataset without sending it through fetch and import."""
        harvest_object = HarvestObject(guid=code, job=job, state="COMPLETE", report_status="not modified",
                                       content="{}")
        _make_current(harvest_object, package_id)
        _extra(harvest_object, "kind", PUBLISH)
        _extra(harvest_object, "outcome", UNCHANGED)
        model.Session.add(harvest_object)

    def _object(self, job, code: str, kind: str, content: dict[str, Any]) -> HarvestObject:
        """A harvest object, added to the session (one commit for the whole list)."""
        harvest_object = HarvestObject(guid=code, job=job, content=json.dumps(
            {"kind": kind, **content}, ensure_ascii=False))
        _extra(harvest_object, "kind", kind)
        model.Session.add(harvest_object)
        return harvest_object

    # fetch: download and validate the data file ------------------------------------------------

    def fetch_stage(self, harvest_object) -> bool:
        content = json.loads(harvest_object.content)
        if content["kind"] != PUBLISH:
            return True
        planned = PlannedDataset.from_json(content["planned"])
        previous = content.get("previous")
        try:
            prepared = prepare_publication(planned, harvest_settings.workdir(harvest_object.id),
                                           harvest_settings.fetch_options(), previous)
        except Exception as error:  # one broken file must not stop the other datasets of the list
            log.exception("fetch of %s failed", harvest_object.guid)
            self._save_object_error(f"第{planned.row}行：数据文件处理失败（{type(error).__name__}）。",
                                    harvest_object, "Fetch")
            return False
        for problem in prepared.problems:
            self._save_object_error(problem, harvest_object, "Fetch")
        if previous and not previous.get("private") \
                and completed_fingerprint(previous) == prepared.publication.fingerprint():
            _make_current(harvest_object, previous["id"])
            _extra(harvest_object, "outcome", UNCHANGED)
            harvest_object.save()
            shutil.rmtree(harvest_settings.workdir(harvest_object.id), ignore_errors=True)
            return "unchanged"
        content["files"] = [dict(f.signature(), path=str(f.path) if f.path else None)
                            for f in prepared.publication.files]
        harvest_object.content = json.dumps(content, ensure_ascii=False)
        harvest_object.save()
        return True

    # import: publish through ckanapi -----------------------------------------------------------

    def import_stage(self, harvest_object) -> bool | str:
        content = json.loads(harvest_object.content)
        publisher = CatalogPublisher(LocalCKAN(), harvest_object.source.id)
        try:
            if content["kind"] == WITHDRAW:
                dataset = publisher.current(content["id"])
                if dataset is None:
                    return "unchanged"
                result = publisher.withdraw(dataset, content["reason"])
            else:
                planned = PlannedDataset.from_json(content["planned"])
                files = tuple(PublishedFile(**dict(f, path=Path(f["path"]) if f["path"] else None))
                              for f in content["files"])
                current = content["previous"] if content.get("previous_known") else LOOK_UP
                result = publisher.publish(Publication(planned.dataset, files), current)
        except Exception as error:  # a CKAN validation error, a lost connection… recorded, not hidden
            log.exception("import of %s failed", harvest_object.guid)
            self._save_object_error(f"发布失败：{error}", harvest_object, "Import")
            return False
        finally:
            shutil.rmtree(harvest_settings.workdir(harvest_object.id), ignore_errors=True)
        _make_current(harvest_object, result.dataset_id, current=content["kind"] != WITHDRAW)
        _extra(harvest_object, "outcome", result.outcome)
        harvest_object.save()
        return "unchanged" if result.outcome == UNCHANGED else True
