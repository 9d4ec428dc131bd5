"""create access grant table

Revision ID: a1c0de5e0001
Revises:
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "a1c0de5e0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "zhangdian_access_grant",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText,
                  sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", sa.UnicodeText,
                  sa.ForeignKey("user.id", ondelete="CASCADE"), nullable=False),
        sa.Column("state", sa.UnicodeText, nullable=False),
        sa.Column("purpose", sa.UnicodeText),
        sa.Column("granted_by", sa.UnicodeText, nullable=False),
        sa.Column("granted_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime),
        sa.Column("revoked_by", sa.UnicodeText),
        sa.Column("revoked_at", sa.DateTime),
    )
    op.create_index("idx_zhangdian_access_grant_package_user", "zhangdian_access_grant",
                    ["package_id", "user_id"])


def downgrade():
    op.drop_table("zhangdian_access_grant")
