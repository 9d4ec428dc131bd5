"""Write the portal's Solr schema: CKAN's own ``schema.xml`` with Chinese-aware text analysis.

CKAN's ``text`` and ``text_general`` field types split on whitespace, so unspaced Chinese such as
``张店区公交线路`` becomes a single token and ``公交`` never matches it. We replace their analyzers
with StandardTokenizer + CJK bigrams (unigrams too at index time, so one-character queries still
match) and keep English lower-casing/stemming. Everything else, including the schema name
``ckan-2.12`` that CKAN checks at start-up, is kept as CKAN ships it.

Usage: ``python deploy/solr/build_schema.py [OUTPUT]`` (default: the configset beside this file).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CONFIGSET_SCHEMA = Path(__file__).with_name("configset") / "conf" / "managed-schema.xml"


def _analyzer(kind: str, *, stem: bool) -> str:
    """One analyzer element; ``kind`` is ``index`` or ``query``."""
    filters = ['<filter class="solr.CJKWidthFilterFactory"/>']
    if kind == "query":
        filters.append(
            '<filter class="solr.SynonymGraphFilterFactory" synonyms="synonyms.txt" '
            'ignoreCase="true" expand="true"/>'
        )
    filters.append('<filter class="solr.LowerCaseFilterFactory"/>')
    # Index unigrams as well as bigrams so a one-character query (e.g. 水) still finds 供水.
    unigrams = "true" if kind == "index" else "false"
    filters.append(f'<filter class="solr.CJKBigramFilterFactory" outputUnigrams="{unigrams}"/>')
    if stem:
        filters.append(
            '<filter class="solr.SnowballPorterFilterFactory" language="English" '
            'protected="protwords.txt"/>'
        )
    filters.append('<filter class="solr.ASCIIFoldingFilterFactory"/>')
    body = "\n".join(f"            {f}" for f in filters)
    return (
        f'        <analyzer type="{kind}">\n'
        '            <tokenizer class="solr.StandardTokenizerFactory"/>\n'
        f"{body}\n"
        "        </analyzer>"
    )


def _field_type(name: str, *, stem: bool) -> str:
    # autoGeneratePhraseQueries: the bigrams of one Chinese word must match in sequence,
    # otherwise 公交线路 would match anything containing 线路.
    return (
        f'<fieldType name="{name}" class="solr.TextField" positionIncrementGap="100" '
        'autoGeneratePhraseQueries="true">\n'
        f"        <!-- zhangdian: Chinese-aware analysis (see deploy/solr/build_schema.py) -->\n"
        f"{_analyzer('index', stem=stem)}\n"
        f"{_analyzer('query', stem=stem)}\n"
        "    </fieldType>"
    )


def build_schema(ckan_schema: str) -> str:
    """Return CKAN's schema text with the ``text`` and ``text_general`` analyzers replaced."""
    if 'name="ckan-2.12"' not in ckan_schema:
        raise ValueError("expected CKAN's schema named ckan-2.12")
    result = ckan_schema
    for name, stem in (("text", True), ("text_general", False)):
        pattern = re.compile(rf'<fieldType name="{name}" class="solr.TextField".*?</fieldType>', re.S)
        result, count = pattern.subn(lambda _m, n=name, s=stem: _field_type(n, stem=s), result)
        if count != 1:
            raise ValueError(f"fieldType {name!r} not found exactly once in CKAN's schema")
    return result


def ckan_schema_path() -> Path:
    import ckan  # only this build script needs CKAN installed

    return Path(ckan.__file__).parent / "config" / "solr" / "schema.xml"


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else CONFIGSET_SCHEMA
    output.write_text(build_schema(ckan_schema_path().read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
