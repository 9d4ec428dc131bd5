"""The ``harvest`` console command: ``ckan -c CONFIG harvest …`` without typing the ``ckan`` part.

The config comes from ``-c/--config``, else ``$CKAN_INI``, else ``.run/ckan.ini`` (the demo's).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> None:
    args = sys.argv[1:]
    config = os.environ.get("CKAN_INI")
    if args[:1] in (["-c"], ["--config"]) and len(args) > 1:
        config, args = args[1], args[2:]
    if not config and Path(".run/ckan.ini").is_file():
        config = ".run/ckan.ini"
    if not config:
        sys.exit("harvest: give the CKAN config with -c FILE or CKAN_INI (e.g. .run/ckan.ini)")
    from ckan.cli.cli import ckan

    ckan.main(args=["-c", config, "harvest", *args], prog_name="harvest")
