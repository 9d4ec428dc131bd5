"""Fixtures of the CKAN-free validator tests: file writers (CSV in any encoding, XLSX, XLS, JSON) and
the real department files in ``../shared/realdata`` (read in place, never copied)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest
from table_files import write_csv_file, write_xlsx_file

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
        return write_csv_file(tmp_path / name, table, encoding=encoding, lineterminator=lineterminator)
    return write


@pytest.fixture
def write_xlsx(tmp_path) -> Callable[..., Path]:
    def write(sheets: dict[str, list[list]], name: str = "数据.xlsx",
              merges: dict[str, list[str]] | None = None) -> Path:
        return write_xlsx_file(tmp_path / name, sheets, merges)
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
