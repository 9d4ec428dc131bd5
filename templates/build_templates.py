"""Write the blank list templates next to this script (the portal serves the same files).

    .venv/bin/python templates/build_templates.py [TARGET_DIR]

tests/harvesters/test_templates.py checks that the committed files are what this script builds.
"""

from __future__ import annotations

import sys
from pathlib import Path

from zhangdian_harvesters.list_templates import CSV_NAME, EXAMPLE_MARK, XLSX_NAME, build_csv, build_xlsx

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / CSV_NAME
XLSX_PATH = HERE / XLSX_NAME

__all__ = ["CSV_PATH", "XLSX_PATH", "EXAMPLE_MARK", "build_csv", "build_xlsx"]


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else HERE
    build_csv(target / CSV_NAME)
    build_xlsx(target / XLSX_NAME)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
