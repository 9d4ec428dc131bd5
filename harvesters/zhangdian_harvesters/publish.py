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
LOOK_UP = object()  # publish(current=…) default: read the dataset from CKAN


@dataclass(frozen=True)
class PublishedFile:
    """A file to mirror into CKAN storage as one resource of the dataset."""

    path: Path | None  # None: already published (matched by signature, never uploaded again)
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

    def publish(self, publication: Publication, current: Any = LOOK_UP) -> PublishResult:
        """Create or update the dataset so that it matches ``publication`` exactly.

        As few writes as a hand-written script: one ``package_create``/``package_update`` (which also
        drops stale resources) plus one upload per new file. The fingerprint goes on the last write:
        on the dataset when nothing is uploaded, otherwise on the last uploaded resource.

        ``current``: the dataset as published, when the caller has just read it (None: it does not exist).
        """
        fingerprint = publication.fingerprint()
        code = publication.dataset["resource_code"]
        if current is LOOK_UP:
            current = self.current(publication.name)
        if current is not None and completed_fingerprint(current) == fingerprint and not current.get("private"):
            return PublishResult(UNCHANGED, publication.name, code, dataset_id=current["id"])
        kept, uploads = _match_resources((current or {}).get("resources") or [], publication.files)
        # A kept resource may carry an older publication's completion marker: it must not vouch for this one.
        kept = [dict(resource, harvest_fingerprint="") for resource in kept]
        fields = dict(publication.dataset, harvest_source=self.source, withdrawn_reason="", private=False,
                      harvest_fingerprint="" if uploads else fingerprint, resources=kept)
        if current is None:
            dataset = self.ckan.action.package_create(**fields)
        else:
            dataset = self.ckan.action.package_update(id=current["id"], **fields)
        for number, published in enumerate(uploads, start=1):
            marker = fingerprint if number == len(uploads) else ""
            with published.path.open("rb") as upload:
                self.ckan.action.resource_create(package_id=dataset["id"], upload=upload, url=published.path.name,
                                                 harvest_fingerprint=marker, **published.signature())
        return PublishResult(CREATED if current is None else UPDATED, publication.name, code,
                             dataset_id=dataset["id"])

    def withdraw(self, dataset: dict[str, Any], reason: str) -> PublishResult:
        """Withdraw a dataset that left the list: made private with the reason, never deleted."""
        code = dataset.get("resource_code", "")
        if dataset.get("private") and dataset.get("withdrawn_reason") == reason:
            return PublishResult(UNCHANGED, dataset["name"], code, dataset_id=dataset["id"])
        self.ckan.action.package_patch(id=dataset["id"], private=True, withdrawn_reason=reason,
                                       harvest_fingerprint=WITHDRAWN_MARK)
        return PublishResult(WITHDRAWN, dataset["name"], code, reason, dataset_id=dataset["id"])


def completed_fingerprint(dataset: dict[str, Any]) -> str:
    """The fingerprint of the last completed publication of a dataset ("" if it was interrupted)."""
    if dataset.get("harvest_fingerprint"):
        return dataset["harvest_fingerprint"]
    resources = dataset.get("resources") or []
    return (resources[-1].get("harvest_fingerprint") or "") if resources else ""


def _match_resources(existing: list[dict[str, Any]], files: Iterable[PublishedFile]
                     ) -> tuple[list[dict[str, Any]], list[PublishedFile]]:
    """Existing resources identical to a wanted file (kept, in order) and the files to upload."""
    kept, uploads, used = [], [], set()
    for published in files:
        match = next((r for r in existing if r["id"] not in used and all(
            (r.get(key) or "") == value for key, value in published.signature().items())), None)
        if match is None:
            uploads.append(published)
        else:
            used.add(match["id"])
            kept.append(match)
    return kept, uploads
