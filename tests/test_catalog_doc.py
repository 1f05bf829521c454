from pathlib import Path

from derive.rendering.catalog_doc import render_catalog_reference

DOC = Path(__file__).resolve().parent.parent / "docs" / "catalog.md"


def test_catalog_reference_is_current():
    expected = render_catalog_reference()
    current = DOC.read_text() if DOC.exists() else ""
    assert current == expected, "docs/catalog.md is stale: regenerate it with `python -m derive.rendering.catalog_doc`"


# -- docs/writing-an-entry.md: "How to write a row, a justification and an intermediate" ----------
GUIDE = DOC.parent / "writing-an-entry.md"
EXAMPLE = DOC.parent.parent / "examples" / "writing_an_entry.py"
SECTION = "## How to write a row, a justification and an intermediate"


def _example():
    """The example entry the guide quotes (examples/ is not a package: loaded from its file)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("writing_an_entry", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.derivation()


def _stripped_lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines()]


def test_every_code_block_of_the_writing_guide_is_quoted_from_the_example_entry():
    import re

    guide = GUIDE.read_text()
    section = guide[guide.index(SECTION) :]
    section = section[: section.index("\n## ", 1)]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert len(blocks) >= 6, "the section's examples are python blocks"
    source = _stripped_lines(EXAMPLE.read_text())
    for block in blocks:
        lines = _stripped_lines(block)
        found = any(source[i : i + len(lines)] == lines for i in range(len(source)))
        assert found, f"not quoted from {EXAMPLE.name} (regenerate the block from it):\n{block}"


def test_the_writing_guides_example_entry_passes_both_checks_and_prints_what_the_guide_says():
    import derive

    entry = _example()
    report = derive.check(entry, trials=8, cache=False)
    assert report.ok, report.to_dict()
    assert [v.status for v in report.steps] == [derive.PROVED] * 5 + [derive.STATED]
    assert "assuming x = x^{*} (step 2)" in report.steps[2].method
    latex = derive.render(entry, "latex")
    assert r"where $x^{*} = \frac{b}{a}$ (the minimiser)" in latex and r"\textup{(using $x = x^{*}$)}" in latex
    assert r"&\ge - \frac{b^{2}}{a}" in latex and r"\implies x = x^{*}" in latex
    assert r"a \left(\frac{b}{a}\right)^{2}" in latex  # the unevaluated row prints as built
