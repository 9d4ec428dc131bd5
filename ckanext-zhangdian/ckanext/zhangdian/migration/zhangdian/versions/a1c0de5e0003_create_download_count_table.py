"""create download count table

Revision ID: a1c0de5e0003
Revises: a1c0de5e0002
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "a1c0de5e0003"
down_revision = "a1c0de5e0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "zhangdian_download_count",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("format", sa.UnicodeText, primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("count", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_zhangdian_download_count_package_id", "zhangdian_download_count", ["package_id"])


def downgrade():
    op.drop_table("zhangdian_download_count")
