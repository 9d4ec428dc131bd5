"""create gap report tables

Revision ID: a1c0de5e0002
Revises: a1c0de5e0001
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "a1c0de5e0002"
down_revision = "a1c0de5e0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "zhangdian_responsibility_item",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText,
                  sa.ForeignKey("group.id", ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("resource_code", sa.UnicodeText),
        sa.Column("basis", sa.UnicodeText),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.UnicodeText),
    )
    op.create_index("idx_zhangdian_responsibility_org", "zhangdian_responsibility_item",
                    ["organization_id"])
    op.create_table(
        "zhangdian_higher_level_entry",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("level", sa.UnicodeText, nullable=False),
        sa.Column("catalog", sa.UnicodeText, nullable=False),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("resource_code", sa.UnicodeText),
        sa.Column("publisher", sa.UnicodeText),
        sa.Column("field_names", sa.JSON),
        sa.Column("url", sa.UnicodeText),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_table(
        "zhangdian_link_check",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("target", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("url", sa.UnicodeText, nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("checked_at", sa.DateTime, nullable=False),
        sa.Column("failing_since", sa.DateTime),
    )
    op.create_table(
        "zhangdian_list_snapshot",
        sa.Column("source_id", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, nullable=False),
        sa.Column("read_at", sa.DateTime, nullable=False),
        sa.Column("entries", sa.JSON, nullable=False),
    )
    op.create_table(
        "zhangdian_indicator_snapshot",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("department", sa.UnicodeText, primary_key=True),
        sa.Column("indicators", sa.JSON, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )


def downgrade():
    for table in ("zhangdian_indicator_snapshot", "zhangdian_list_snapshot", "zhangdian_link_check",
                  "zhangdian_higher_level_entry", "zhangdian_responsibility_item"):
        op.drop_table(table)
