"""Database model of the extension: access grants to 有条件开放 (conditionally open) data."""

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
