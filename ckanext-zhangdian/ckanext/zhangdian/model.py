"""Database model of the extension.

- access grants to 有条件开放 (conditionally open) data;
- the inputs of the gap report (查缺补漏) that CKAN does not hold: responsibility lists, higher-level
  catalog entries, link-check results, the last read of each department list;
- daily indicator snapshots, so the report has trends.
"""

from __future__ import annotations

import datetime
import uuid

import sqlalchemy as sa
from ckan.model.base import BaseModel
from sqlalchemy.orm import Mapped

GRANT_APPROVED = "approved"
GRANT_REVOKED = "revoked"


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class AccessGrant(BaseModel):
    """A user's approved access to the data of one conditionally open dataset.

    Grants are never deleted: revoking keeps the row (who, when) as the audit trail.
    """

    __tablename__ = "zhangdian_access_grant"

    id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, primary_key=True,
                                           default=lambda: str(uuid.uuid4()))
    package_id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, sa.ForeignKey("package.id"))
    user_id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, sa.ForeignKey("user.id"))
    state: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, default=GRANT_APPROVED)
    purpose: Mapped[str | None] = sa.orm.mapped_column(sa.UnicodeText)
    granted_by: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText)
    granted_at: Mapped[datetime.datetime] = sa.orm.mapped_column(sa.DateTime, default=_now)
    expires_at: Mapped[datetime.datetime | None] = sa.orm.mapped_column(sa.DateTime)
    revoked_by: Mapped[str | None] = sa.orm.mapped_column(sa.UnicodeText)
    revoked_at: Mapped[datetime.datetime | None] = sa.orm.mapped_column(sa.DateTime)

    def is_active(self, now: datetime.datetime | None = None) -> bool:
        now = now or _now()
        return self.state == GRANT_APPROVED and (self.expires_at is None or self.expires_at > now)

    def as_dict(self) -> dict:
        return {
            "id": self.id, "package_id": self.package_id, "user_id": self.user_id,
            "state": self.state, "purpose": self.purpose, "granted_by": self.granted_by,
            "granted_at": self.granted_at.isoformat(),
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "revoked_by": self.revoked_by,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "active": self.is_active(),
        }


class ResponsibilityItem(BaseModel):
    """A resource a department is required to open (责任清单), maintained by administrators."""

    __tablename__ = "zhangdian_responsibility_item"

    id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, primary_key=True,
                                           default=lambda: str(uuid.uuid4()))
    organization_id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, sa.ForeignKey("group.id"))
    title: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText)
    resource_code: Mapped[str | None] = sa.orm.mapped_column(sa.UnicodeText)
    basis: Mapped[str | None] = sa.orm.mapped_column(sa.UnicodeText)
    created: Mapped[datetime.datetime] = sa.orm.mapped_column(sa.DateTime, default=_now)
    created_by: Mapped[str | None] = sa.orm.mapped_column(sa.UnicodeText)

    def as_dict(self) -> dict:
        return {"id": self.id, "organization_id": self.organization_id, "title": self.title,
                "resource_code": self.resource_code, "basis": self.basis,
                "created": self.created.isoformat(), "created_by": self.created_by}


class HigherLevelEntry(BaseModel):
    """A resource already opened by a city, provincial or national catalog (so not to be re-reported)."""

    __tablename__ = "zhangdian_higher_level_entry"

    id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, primary_key=True,
                                           default=lambda: str(uuid.uuid4()))
    level: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText)
    catalog: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText)
    title: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText)
    resource_code: Mapped[str | None] = sa.orm.mapped_column(sa.UnicodeText)
    publisher: Mapped[str | None] = sa.orm.mapped_column(sa.UnicodeText)
    field_names: Mapped[list] = sa.orm.mapped_column(sa.JSON, default=list)
    url: Mapped[str | None] = sa.orm.mapped_column(sa.UnicodeText)
    created: Mapped[datetime.datetime] = sa.orm.mapped_column(sa.DateTime, default=_now)

    def as_dict(self) -> dict:
        return {"id": self.id, "level": self.level, "catalog": self.catalog, "title": self.title,
                "resource_code": self.resource_code, "publisher": self.publisher,
                "field_names": list(self.field_names or []), "url": self.url,
                "created": self.created.isoformat()}


class LinkCheck(BaseModel):
    """The last check of one resource's download link (its source URL or the mirrored file)."""

    __tablename__ = "zhangdian_link_check"

    resource_id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, primary_key=True)
    target: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, primary_key=True)  # "source" | "file"
    package_id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText)
    url: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText)
    ok: Mapped[bool] = sa.orm.mapped_column(sa.Boolean)
    status: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText)
    checked_at: Mapped[datetime.datetime] = sa.orm.mapped_column(sa.DateTime, default=_now)
    failing_since: Mapped[datetime.datetime | None] = sa.orm.mapped_column(sa.DateTime)


class ListSnapshot(BaseModel):
    """What a department's open-data list said when it was last read (one row per harvest source).

    ``entries``: one dict per list row — resource_code, title, open_attribute, row, policy_problem,
    first_listed (ISO date the code first appeared in this source's list).
    """

    __tablename__ = "zhangdian_list_snapshot"

    source_id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, primary_key=True)
    organization_id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText)
    read_at: Mapped[datetime.datetime] = sa.orm.mapped_column(sa.DateTime, default=_now)
    entries: Mapped[list] = sa.orm.mapped_column(sa.JSON, default=list)


class IndicatorSnapshot(BaseModel):
    """A department's (or, with department "", the district's) gap-report indicators on one day."""

    __tablename__ = "zhangdian_indicator_snapshot"

    day: Mapped[datetime.date] = sa.orm.mapped_column(sa.Date, primary_key=True)
    department: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, primary_key=True)
    indicators: Mapped[dict] = sa.orm.mapped_column(sa.JSON)
    recorded_at: Mapped[datetime.datetime] = sa.orm.mapped_column(sa.DateTime, default=_now)


class DownloadCount(BaseModel):
    """How often a resource was downloaded on one day, per format.

    ``format``: ``file`` (CKAN's own ``/download`` of the stored file) or a converted format
    (``csv``, ``xlsx``, ``json``). One row per resource, format and day, incremented atomically; rows
    outlive their resource so totals stay stable.
    """

    __tablename__ = "zhangdian_download_count"

    resource_id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, primary_key=True)
    format: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, primary_key=True)
    day: Mapped[datetime.date] = sa.orm.mapped_column(sa.Date, primary_key=True)
    package_id: Mapped[str] = sa.orm.mapped_column(sa.UnicodeText, index=True)
    count: Mapped[int] = sa.orm.mapped_column(sa.Integer, default=0)
