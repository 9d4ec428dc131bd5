"""Every extension test runs with the plugins of the test ini loaded on a clean database and index."""

import pytest


@pytest.fixture
def clean_portal(clean_db, clean_index, with_plugins, migrate_db_for):
    """A clean database and search index with the portal's plugins (and their tables) loaded."""
    migrate_db_for("activity")
    migrate_db_for("harvest")
