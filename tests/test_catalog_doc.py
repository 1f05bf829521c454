from pathlib import Path

from derive.rendering.catalog_doc import render_catalog_reference

DOC = Path(__file__).resolve().parent.parent / "docs" / "catalog.md"


def test_catalog_reference_is_current():
    expected = render_catalog_reference()
    current = DOC.read_text() if DOC.exists() else ""
    assert current == expected, "docs/catalog.md is stale: regenerate it with `python -m derive.rendering.catalog_doc`"


# -- docs/writing-an-entry.md: every example is quoted from a file in examples/ that works -------
GUIDE = DOC.parent / "writing-an-entry.md"
EXAMPLES = DOC.parent.parent / "examples"
QUOTED_FROM = ("logistic_grad_entry.py", "writing_an_entry.py")  # the opening example; the rows section's


def _example(name: str):
    """An example entry the guide quotes (examples/ is not a package: loaded from its file)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name.removesuffix(".py"), EXAMPLES / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.derivation()


def _stripped_lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines()]


def test_every_code_block_of_the_writing_guide_is_quoted_from_an_example_entry():
    import re

    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(), re.DOTALL)
    assert len(blocks) >= 7 and "## How to write a row, a justification and an intermediate" in GUIDE.read_text()
    sources = [_stripped_lines((EXAMPLES / name).read_text()) for name in QUOTED_FROM]
    for block in blocks:
        lines = _stripped_lines(block)
        found = any(source[i : i + len(lines)] == lines for source in sources for i in range(len(source)))
        assert found, f"not quoted from examples/{' or '.join(QUOTED_FROM)} (copy the block from there):\n{block}"


def test_the_opening_example_of_the_guide_passes_both_checks():
    import derive

    report = derive.check(_example("logistic_grad_entry.py"), trials=8, cache=False)
    assert report.ok and [v.status for v in report.steps] == [derive.PROVED] * 2, report.to_dict()


def test_the_rows_example_passes_both_checks_and_prints_what_the_guide_says():
    import derive

    entry = _example("writing_an_entry.py")
    report = derive.check(entry, trials=8, cache=False)
    assert report.ok, report.to_dict()
    assert [v.status for v in report.steps] == [derive.PROVED] * 5 + [derive.STATED]
    assert "assuming x = x^{*} (step 2)" in report.steps[2].method
    latex = derive.render(entry, "latex")
    assert r"where $x^{*} = \frac{b}{a}$ (the minimiser)" in latex and r"\textup{(using $x = x^{*}$)}" in latex
    assert r"&\ge - \frac{b^{2}}{a}" in latex and r"\implies x = x^{*}" in latex
    assert r"a \left(\frac{b}{a}\right)^{2}" in latex  # the unevaluated row prints as built


def test_the_guide_names_every_stated_relation_the_model_accepts():
    from derive.core.model import STATED_RELATIONS

    guide = GUIDE.read_text()
    missing = [relation for relation in STATED_RELATIONS if f'`"{relation}"`' not in guide]
    assert not missing, f"docs/writing-an-entry.md does not name the stated relations {missing}"
