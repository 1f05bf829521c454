"""The cache of rendered solutions: same text as a fresh rendering, no SymPy on a hit, and a new
digest (so a fresh rendering) whenever a source file changes."""

import os
import subprocess
import sys

from click.testing import CliRunner

from cli import main
from derive.cache import digests as _digest
from derive.cache import renderings as _rendered

HIT_PROBE = """
import sys
from click.testing import CliRunner
from cli import main
result = CliRunner().invoke(main, ["show", "logistic-grad"])
assert result.exit_code == 0, result.output
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & {"sympy", "jax", "numpy"})))
"""


def _show(args, cache_dir, monkeypatch):
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(cache_dir))
    result = CliRunner().invoke(main, ["show", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_stored_rendering_is_the_fresh_rendering(tmp_path, monkeypatch):
    for args in (["logistic-grad"], ["svm-kkt", "--format", "latex", "--standalone"], ["pca-svd", "--format", "json"]):
        fresh = _show([*args, "--no-cache"], tmp_path, monkeypatch)
        first, second = _show(args, tmp_path, monkeypatch), _show(args, tmp_path, monkeypatch)
        assert first == second == fresh
    (digest,) = (tmp_path / "rendered").iterdir()
    assert sorted(p.name for p in digest.iterdir()) == [
        "logistic-grad.text-80",  # text is stored per terminal width
        "pca-svd.json",
        "svm-kkt.latex-standalone",
    ]


def test_a_hit_loads_neither_sympy_nor_jax(tmp_path):
    env = {**os.environ, "DERIVE_CACHE_DIR": str(tmp_path)}
    run = [sys.executable, "-c", HIT_PROBE]
    first = subprocess.run(run, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    assert "sympy" in first.stdout  # the miss rendered the entry
    second = subprocess.run(run, capture_output=True, text=True, env=env)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == ""


def test_the_digest_follows_every_source_file(tmp_path, monkeypatch):
    package = tmp_path / "derive"
    (package / "templates").mkdir(parents=True)
    code, template = package / "_latex.py", package / "templates" / "worked.tex"
    code.write_text("x = 1\n")
    template.write_text("\\section{}\n")
    monkeypatch.setattr(_digest, "PACKAGE", package)
    digests = [_rendered.source_digest()]
    for path, text in ((code, "x = 2\n"), (template, "\\section*{}\n")):
        path.write_text(text)
        digests.append(_rendered.source_digest())
    assert len(set(digests)) == 3


def test_renderings_for_older_sources_are_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(tmp_path))
    stale = tmp_path / "rendered" / "0123456789abcdef01234567"
    stale.mkdir(parents=True)
    (stale / "logistic-grad.text").write_text("an old rendering")
    assert _rendered.rendered("logistic-grad", "text", lambda: "new") == "new"
    assert not stale.exists()
    assert _rendered.rendered("logistic-grad", "text", lambda: "not called") == "new"


def test_an_id_that_is_not_a_plain_name_never_touches_the_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "secret.text").write_text("outside the cache")
    for entry_id in ("../../secret", "/etc/passwd", "a/b", "Logistic-Grad"):
        assert _rendered.rendered(entry_id, "text", lambda: "rendered") == "rendered"
    assert not (tmp_path / "cache").exists()


def test_an_unusable_cache_directory_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(blocker))
    assert _rendered.rendered("logistic-grad", "text", lambda: "rendered") == "rendered"
    assert "Logistic" in _show(["logistic-grad"], blocker, monkeypatch)


def test_terminal_text_fits_its_width_and_keeps_what_the_latex_shows():
    """1^T prints transposed, a matrix sum keeps its parentheses under a Hadamard power, and no line
    of the widest entry runs past the width (issue 15: lines of 723 characters)."""
    import sympy as sp
    from sympy.printing.pretty.stringpict import line_width

    import derive
    from derive.rendering.render import render_text
    from derive.rendering.terminal import render_pretty

    d = sp.Symbol("d")
    x, y = derive.vector("x", d), derive.vector("y", d)
    assert render_pretty(derive.ones(d).T * x) == "𝟏ᵀ⋅x"  # inline: it read as '𝟏 ⋅x' under a raised T
    S, X = derive.matrix("S", d, d), derive.matrix("X", d, d)
    assert render_pretty(x.T * sp.Inverse(S) * sp.Inverse(S + X) * y) == "xᵀ⋅S⁻¹⋅(S + X)⁻¹⋅y"
    assert render_pretty(-x + derive.ones(d)) == "𝟏 - x" and render_pretty(-x + y) == "y - x"  # a positive term leads
    assert render_pretty(2 * x - 2 * X.T * y) == "2⋅x - 2⋅Xᵀ⋅y"  # SymPy wrote 'x -2⋅Xᵀ⋅y'
    one = derive.ones(d)
    assert render_pretty((one - y).T * x) == "(𝟏 - y)ᵀ⋅x" and render_pretty(derive.hadamard(x.T, y.T) * x) == "(x∘y)ᵀ⋅x"
    assert render_pretty(X * (x + y)) == "X⋅(x + y)"  # a sum keeps its parentheses
    count, mu = derive.dims("n")[0], derive.scalar("mu")
    sigma = derive.scalar("sigma", derive.POSITIVE)
    assert render_pretty(mu * count) == "n⋅μ" and render_pretty(sigma * sp.sqrt(count) / count) == "σ \n──\n√n"
    assert render_pretty(sp.sqrt(2) * sp.sqrt(sp.pi) * sigma).splitlines()[-1] == "σ⋅╲╱ 2⋅π "  # σ√(2π), as the LaTeX
    assert render_pretty(sp.HadamardPower(x + y, 2)).splitlines()[1].startswith("(x + y)")
    text = render_text(derive.get("variance-identities"), width=100)
    assert "qᵀ⋅(v - qᵀ⋅v⋅𝟏)" in text and "-qᵀ" not in text  # parentheses kept, no leading minus
    result = render_text(derive.get("svm-kkt"), width=100).split("Result")[1]
    assert "yᵀ⋅α = 0" in result and "α ≥ 𝟘" in result  # every part, a stated one with its relation
    text = render_text(derive.get("kmeans-centroid"), width=100)
    assert "∇_μ" in text and "∇_mu" not in text  # the variable as printed, not its name
    for entry_id, width in (("tsne-gradient", 80), ("batchnorm-backward", 100), ("variance-identities", 60)):
        lines = render_text(derive.get(entry_id), width=width).splitlines()
        assert max(line_width(line) for line in lines) <= width, entry_id


def test_json_carries_what_the_latex_shows():
    """Chain restarts, assumptions, side conditions and reasons in the JSON export."""
    import json

    import derive
    from derive.rendering.render import render_json

    for entry_id in ("svm-kkt", "normal-equations", "momentum-ema"):
        entry = derive.get(entry_id)
        steps = json.loads(render_json(entry))["steps"]
        for step, exported in zip(entry.steps, steps, strict=True):
            assert exported["because"] == step.because and exported["relation"] == step.relation
            assert ("start" in exported) == (step.start is not None)
            assert len(exported["using"]) == len(step.using) and len(exported["nonzero"]) == len(step.nonzero)
    assert any("start" in s for s in json.loads(render_json(derive.get("svm-kkt")))["steps"])


def test_json_has_every_formula_and_relation_the_latex_prints():
    """For every entry: each step's relation as the LaTeX prints it (\\le, \\approx, \\iff), the named
    intermediates with the step whose row defines them, every part of the boxed result, the planned
    checks, notes and references; a symmetric given's transpose is printed as the LaTeX prints it."""
    import json

    import derive
    from derive.rendering.evidence import planned_checks
    from derive.rendering.latex import symmetric_givens
    from derive.rendering.render import render_json
    from derive.rendering.worked import RELATIONS, STATED_LEADS, introduced_at, part_latex

    for entry in derive.entries():
        exported = json.loads(render_json(entry))
        with symmetric_givens(entry.givens):
            parts = [part_latex(part) for part in entry.result_parts]
        assert exported["result"] == (parts[0] if len(parts) == 1 else parts), entry.id
        leads = [STATED_LEADS.get(step.states, RELATIONS[step.relation]) for step in entry.steps]
        assert [step["printed_relation"] for step in exported["steps"]] == leads, entry.id
        defines = introduced_at(entry)
        wheres = [len(defines.get(index, ())) for index in range(len(entry.steps))]
        assert [len(step["where"]) for step in exported["steps"]] == wheres, entry.id
        assert len(exported["intermediates"]) == len(entry.intermediates), entry.id
        assert all(named["defined_at_step"] for named in exported["intermediates"]), entry.id
        assert exported["planned_checks"] == planned_checks(entry) and exported["notes"] == entry.notes
        assert exported["references"] == [str(ref) for ref in entry.references]
        assert [len(g["defined_by"]) for g in exported["givens"]] == [len(g.defined_by) for g in entry.givens]
    assert "\\le" in [s["printed_relation"] for s in json.loads(render_json(derive.get("kl-nonnegative")))["steps"]]
    assert isinstance(json.loads(render_json(derive.get("backprop-mlp")))["result"], list)
    lda = render_json(derive.get("lda-posterior-is-logistic"))
    assert "\\Sigma}^{\\top}" not in lda and "\\Sigma}^{-1}" in lda  # Sigma is symmetric


def test_markdown_keeps_every_section_and_row_of_the_latex():
    """Issue 15: Markdown dropped the Notes. For every entry, the Markdown has the LaTeX worked
    solution's sections in its order, each chain and row with its relation, reason, assumptions and
    named intermediates, every part of the boxed result, the checks, the note and every reference."""
    import re

    import derive
    from derive.rendering.latex import render_latex, symmetric_givens
    from derive.rendering.markdown import lead, markdown_text, render_markdown
    from derive.rendering.worked import part_latex, worked_solution

    sizing = re.compile(r"\\(left|right|[bB]igg?[lr]|(script)?scriptstyle)(?![A-Za-z])|\s")

    def flat(tex: str) -> str:
        """LaTeX without delimiter sizes, \\scriptstyle (a row too wide), spaces and row breaks."""
        return sizing.sub("", tex.replace("\\\\\n&\\quad", ""))

    for entry in derive.entries():
        latex, markdown = worked_solution(entry), render_markdown(entry)
        names = re.findall(r"\\paragraph\{([A-Za-z]+)\.\}", latex)
        assert names[0] == "Problem" and r"\begin{tabularx}" in latex  # the givens table follows, unnamed
        names.insert(1, "Given")
        assert re.findall(r"^## (\w+)$", markdown, re.MULTILINE) == names, entry.id
        assert markdown.count("\nThen\n") == latex.count("\nThen\n"), entry.id
        assert len(entry.steps) == len(re.findall(r"\\tag\{", latex))  # one LaTeX row with a reason per step
        with symmetric_givens(entry.givens):  # printed as the worked solution prints them
            for step in entry.steps:
                row = f"$${lead(step)} {render_latex(step.expr)}$$\n— {markdown_text(step.because)}"
                assert row in markdown and flat(f"&{lead(step)} {render_latex(step.expr)}") in flat(latex), entry.id
                assert all(f"${render_latex(equation)}$" in markdown for equation in step.using), entry.id
            for named in entry.intermediates:
                where = f"${render_latex(named.symbol)} = {render_latex(named.value)}$"
                assert where in latex and where in markdown, (entry.id, where)
        boxed = flat(re.search(r"\\paragraph\{Result\.\}\n\\\[\n(\\boxed\{.*?\})\n\\\]", latex, re.DOTALL).group(1))
        result = flat(markdown[markdown.index("## Result") : markdown.index("## Checked")])
        for part in entry.result_parts:
            with symmetric_givens(entry.givens):
                shown = flat(part_latex(part))
            assert shown in boxed and shown in result and r"\mathtt{\text{" not in shown, (entry.id, shown)
        assert all(f"- {ref}" in markdown for ref in entry.references), entry.id
        if entry.notes:
            assert markdown_text(entry.notes) in markdown, entry.id


def test_markdown_text_turns_latex_text_commands_into_markdown_and_keeps_math():
    from derive.rendering.markdown import markdown_text

    said = markdown_text(r"run \texttt{jax.lax.scan} on \emph{every} $v_{k}$, 50\% of $\texttt{x}_{i}$ with \_")
    assert said == r"run `jax.lax.scan` on *every* $v_{k}$, 50% of $\texttt{x}_{i}$ with _"
