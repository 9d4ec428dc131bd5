"""Writing small CSV/XLSX tables for tests (shared by the harvester and validator suites)."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook


def write_csv_file(path: Path, table: list[list], *, encoding: str, lineterminator: str = "\r\n") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator=lineterminator).writerows(table)
    return path


def write_xlsx_file(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    """One worksheet per entry of ``sheets``; ``merges`` maps a sheet to its merged ranges (e.g. "A1:D1")."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, table in sheets.items():
        sheet = workbook.create_sheet(title)
        for values in table:
            sheet.append(values)
        for cell_range in (merges or {}).get(title, []):
            sheet.merge_cells(cell_range)
    workbook.save(path)
    return path
