from pathlib import Path

from derive.rendering.catalog_doc import render_catalog_reference

DOC = Path(__file__).resolve().parent.parent / "docs" / "catalog.md"


def test_catalog_reference_is_current():
    expected = render_catalog_reference()
    current = DOC.read_text() if DOC.exists() else ""
    assert current == expected, "docs/catalog.md is stale: regenerate it with `python -m derive.rendering.catalog_doc`"
