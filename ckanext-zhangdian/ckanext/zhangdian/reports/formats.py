"""File formats by how reusable they are (EU MQA interoperability; data.gouv.fr's closed formats)."""

from __future__ import annotations

from typing import Iterable

OPEN_MACHINE_READABLE = frozenset({"CSV", "TSV", "JSON", "GEOJSON", "JSONLD", "XML", "RDF", "NDJSON"})
PROPRIETARY_MACHINE_READABLE = frozenset({"XLS", "XLSX", "ET", "SHP", "DBF"})
NOT_MACHINE_READABLE = frozenset({"PDF", "OFD", "DOC", "DOCX", "WPS", "PPT", "PPTX", "JPG", "JPEG", "PNG",
                                  "GIF", "BMP", "TIF", "TIFF"})
KNOWN = OPEN_MACHINE_READABLE | PROPRIETARY_MACHINE_READABLE | NOT_MACHINE_READABLE | {
    "ZIP", "HTML", "TXT", "API"}


def normalise(file_format: str) -> str:
    return (file_format or "").strip().lstrip(".").upper()


def best_class(formats: Iterable[str]) -> str:
    """"open", "proprietary", "not_machine_readable" or "unknown" for the best of ``formats``."""
    found = {normalise(file_format) for file_format in formats}
    if found & OPEN_MACHINE_READABLE:
        return "open"
    if found & PROPRIETARY_MACHINE_READABLE:
        return "proprietary"
    if found & NOT_MACHINE_READABLE:
        return "not_machine_readable"
    return "unknown"
