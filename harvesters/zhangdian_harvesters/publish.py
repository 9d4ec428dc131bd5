"""Publish list records as CKAN datasets through ``ckanapi`` — idempotent and crash-safe.

The same code runs inside CKAN (``LocalCKAN``, from the ``zhangdian_list`` harvester) and outside it
(``RemoteCKAN``). Identity is the resource code: the dataset URL name is derived from it
(:func:`dataset_name`), so two runs can never create two datasets for one code.

Crash safety: a dataset's ``harvest_fingerprint`` (a hash of everything we publish) is written
*last*. A run killed at any point leaves the fingerprint empty or old, so the next run redoes that
dataset and ends with exactly the catalog a clean run produces; an unchanged dataset (same
fingerprint) is skipped without any write.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ckanapi.errors import NotFound

CREATED, UPDATED, UNCHANGED, WITHDRAWN, FAILED = "created", "updated", "unchanged", "withdrawn", "failed"
WITHDRAWN_MARK = "withdrawn"


@dataclass(frozen=True)
class PublishedFile:
    """A file to mirror into CKAN storage as one resource of the dataset."""

    path: Path
    name: str
    format: str
    content_hash: str
    validation_status: str
    validation_report: str = ""
    source_url: str = ""

    def signature(self) -> dict[str, str]:
        return {"name": self.name, "format": self.format, "content_hash": self.content_hash,
                "validation_status": self.validation_status,
                "validation_report": self.validation_report, "source_url": self.source_url}


@dataclass(frozen=True)
class Publication:
    """What one list record becomes: the dataset fields and the files to mirror."""

    dataset: dict[str, Any]
    files: tuple[PublishedFile, ...] = ()

    @property
    def name(self) -> str:
        return self.dataset["name"]

    def fingerprint(self) -> str:
        canonical = json.dumps({"dataset": self.dataset, "files": [f.signature() for f in self.files]},
                               sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class PublishResult:
    outcome: str
    name: str
    resource_code: str
    message: str = ""
    dataset_id: str | None = None


@dataclass
class CatalogPublisher:
    """Creates, updates and withdraws the datasets of one harvest source.

    :param ckan: a ``ckanapi`` client (``LocalCKAN`` or ``RemoteCKAN``) with rights on the department.
    :param source: the harvest source's name, recorded on every dataset it publishes.
    """

    ckan: Any
    source: str

    def current(self, name: str) -> dict[str, Any] | None:
        try:
            return self.ckan.action.package_show(id=name)
        except NotFound:
            return None

    def published_codes(self) -> dict[str, dict[str, Any]]:
        """Resource code → dataset, for every dataset this source published (private ones too)."""
        found: dict[str, dict[str, Any]] = {}
        start, page = 0, 500
        while True:
            result = self.ckan.action.package_search(
                fq=f'harvest_source:"{self.source}"', include_private=True, include_drafts=True,
                rows=page, start=start)
            for item in result["results"]:
                if item.get("resource_code"):
                    found[item["resource_code"]] = item
            start += page
            if start >= result["count"]:
                return found

    def publish(self, publication: Publication) -> PublishResult:
        """Create or update the dataset so that it matches ``publication`` exactly."""
        fingerprint = publication.fingerprint()
        code = publication.dataset["resource_code"]
        current = self.current(publication.name)
        if current is not None and current.get("harvest_fingerprint") == fingerprint \
                and not current.get("private"):
            return PublishResult(UNCHANGED, publication.name, code, dataset_id=current["id"])
        fields = dict(publication.dataset, harvest_source=self.source, harvest_fingerprint="",
                      withdrawn_reason="", private=False)
        if current is None:
            dataset = self.ckan.action.package_create(**fields)
            outcome = CREATED
        else:
            dataset = self.ckan.action.package_update(id=current["id"], **fields)
            outcome = UPDATED
        self._sync_resources(dataset, publication.files)
        self.ckan.action.package_patch(id=dataset["id"], harvest_fingerprint=fingerprint)
        return PublishResult(outcome, publication.name, code, dataset_id=dataset["id"])

    def _sync_resources(self, dataset: dict[str, Any], files: Iterable[PublishedFile]) -> None:
        """Make the dataset's resources exactly ``files``: keep identical ones, replace the rest."""
        existing = list(dataset.get("resources") or [])
        kept_ids = set()
        for published in files:
            match = next((r for r in existing if r["id"] not in kept_ids and all(
                (r.get(key) or "") == value for key, value in published.signature().items())), None)
            if match is not None:
                kept_ids.add(match["id"])
                continue
            with published.path.open("rb") as upload:
                created = self.ckan.action.resource_create(
                    package_id=dataset["id"], upload=upload, url=published.path.name,
                    **published.signature())
            kept_ids.add(created["id"])
        for resource in existing:
            if resource["id"] not in kept_ids:
                self.ckan.action.resource_delete(id=resource["id"])

    def withdraw(self, dataset: dict[str, Any], reason: str) -> PublishResult:
        """Withdraw a dataset that left the list: made private with the reason, never deleted."""
        code = dataset.get("resource_code", "")
        if dataset.get("private") and dataset.get("withdrawn_reason") == reason:
            return PublishResult(UNCHANGED, dataset["name"], code, dataset_id=dataset["id"])
        self.ckan.action.package_patch(id=dataset["id"], private=True, withdrawn_reason=reason,
                                       harvest_fingerprint=WITHDRAWN_MARK)
        return PublishResult(WITHDRAWN, dataset["name"], code, reason, dataset_id=dataset["id"])
