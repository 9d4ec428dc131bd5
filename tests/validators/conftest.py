"""Fixtures of the CKAN-free validator tests: file writers (CSV in any encoding, XLSX, XLS, JSON) and
the real department files in ``../shared/realdata`` (read in place, never copied)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Callable

import pytest
from openpyxl import Workbook

from xls_writer import write_xls as _write_xls

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real data not found at {REALDATA}")
    return REALDATA


@pytest.fixture
def write_csv(tmp_path) -> Callable[..., Path]:
    def write(table: list[list], name: str = "数据.csv", encoding: str = "utf-8",
              lineterminator: str = "\r\n") -> Path:
        path = tmp_path / name
        with open(path, "w", encoding=encoding, newline="") as handle:
            csv.writer(handle, lineterminator=lineterminator).writerows(table)
        return path
    return write


@pytest.fixture
def write_xlsx(tmp_path) -> Callable[..., Path]:
    def write(sheets: dict[str, list[list]], name: str = "数据.xlsx",
              merges: dict[str, list[str]] | None = None) -> Path:
        workbook = Workbook()
        workbook.remove(workbook.active)
        for title, table in sheets.items():
            sheet = workbook.create_sheet(title)
            for values in table:
                sheet.append(values)
            for cell_range in (merges or {}).get(title, []):
                sheet.merge_cells(cell_range)
        path = tmp_path / name
        workbook.save(path)
        return path
    return write


@pytest.fixture
def write_xls(tmp_path) -> Callable[..., Path]:
    def write(sheets: dict[str, list[list]], name: str = "数据.xls") -> Path:
        return _write_xls(tmp_path / name, sheets)
    return write


@pytest.fixture
def write_json(tmp_path) -> Callable[..., Path]:
    def write(*values, name: str = "数据.json", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_text("\n".join(json.dumps(v, ensure_ascii=False) for v in values), encoding=encoding)
        return path
    return write
