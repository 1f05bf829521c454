"""Handouts and TeX: bad input, TeX missing, a failed compile keeping the old file, goldens,
and (with TeX) every entry compiled standalone and `derive handout --all` compiled clean.

Tests that need TeX skip locally when latexmk is absent; under `.ci/run` (DERIVE_CI set) they run.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import derive
from cli import main
from derive.checking.verdicts import CheckReport, NumericVerdict, StepVerdict
from derive.rendering.evidence import measured_checks, percent, scientific
from derive.rendering.handout import output_path, topic_title
from derive.rendering.tex import compile_pdf, fill, have_tex, log_problems
from derive.rendering.worked import worked_solution

from .golden_tools import assert_golden

TEX_REASON = "latexmk not found: install texlive-latex-base texlive-latex-recommended latexmk (CI installs them)"
skip_without_tex = pytest.mark.skipif(not have_tex() and not os.environ.get("DERIVE_CI"), reason=TEX_REASON)
SMALL = ("logistic-grad", "normal-equations")


def run(*args):
    return CliRunner().invoke(main, list(args))


# -- bad input: exit 2, nothing written -------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("logistic-grad", "no-such-entry"), "no derivation 'no-such-entry'"),
        (("--topic", "no-such-topic"), "no topic 'no-such-topic'"),
        ((), "name entry ids, or pass --topic"),
    ],
)
def test_bad_choice_is_exit_2_before_anything_is_written(tmp_path, args, message):
    target = tmp_path / "h.pdf"
    result = run("handout", *args, "-o", str(target))
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_missing_folder_is_exit_2(tmp_path):
    result = run("handout", "logistic-grad", "--no-check", "-o", str(tmp_path / "no" / "h.tex"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_without_tex_a_pdf_is_exit_2_naming_the_debian_packages_but_tex_output_works(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("handout", *SMALL, "-o", str(tmp_path / "h.pdf"))
    assert result.exit_code == 2
    for words in ("latexmk", "texlive-latex-base", "texlive-latex-recommended", "-o FILE.tex"):
        assert words in result.stderr
    assert "checking" not in result.stderr, "TeX is looked for before any check runs"
    result = run("handout", *SMALL, "--no-check", "-o", str(tmp_path / "h.tex"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "h.tex").read_text().rstrip().endswith(r"\end{document}")


def test_output_names():
    assert output_path("notes") == Path("notes.tex")
    assert output_path("notes.pdf") == Path("notes.pdf")
    assert output_path("a.tex") == Path("a.tex")


def test_stdout_holds_only_the_result_line(tmp_path):
    result = run("handout", "--topic", "models", "--no-check", "--exercises", "-o", str(tmp_path / "m.tex"))
    assert result.exit_code == 0
    assert result.stdout.strip() == f"wrote {tmp_path / 'm.tex'}"


# -- what a handout holds -----------------------------------------------------------------------
def test_small_handout_matches_golden():
    tex = derive.handout_tex([derive.get(i) for i in SMALL], title="A small handout")
    assert_golden("handout-small.tex", tex)


def test_exercises_handout_matches_golden():
    tex = derive.handout_tex([derive.get("normal-equations")], title="Exercise", exercises=True)
    assert_golden("handout-exercises.tex", tex)


def test_handout_layout():
    chosen = derive.entries()
    tex = derive.handout_tex(chosen)
    assert r"\tableofcontents" in tex and r"\section{Notation}" in tex
    assert tex.count(r"\section{") == len(chosen) + 1
    few = derive.handout_tex(chosen[:2])
    assert r"\tableofcontents" not in few
    exercises = derive.handout_tex(chosen[:2], exercises=True)
    assert exercises.index(r"\appendix") > exercises.index("Your solution")
    assert exercises.count(r"\begin{align*}") == derive.handout_tex(chosen[:2]).count(r"\begin{align*}")


def _parts(tex: str) -> dict[str, str]:
    """A handout's parts: title -> the text up to the next part."""
    pieces = re.split(r"\\part\{([^}]*)\}", tex)
    return dict(zip(pieces[1::2], pieces[2::2]))


def test_everything_is_in_parts_by_topic_each_with_its_own_contents():
    """--all: one part per topic in the catalog's topic order, holding exactly that topic's entries
    in teaching order, listed at its start; the entries the issue found misfiled sit in their topics."""
    chosen = derive.entries()
    parts = _parts(derive.handout_tex(chosen))
    assert list(parts) == [topic_title(topic) for topic in derive.topics()]
    for topic in derive.topics():
        expected = [entry.id for entry in chosen if entry.topic == topic]
        text = parts[topic_title(topic)]
        assert re.findall(r"\\section\{[^\n]*\}\\label\{entry:([a-z0-9-]+)\}", text) == expected, topic
        assert re.findall(r"\\item\[\\ref\{entry:([a-z0-9-]+)\}\]", text) == expected, topic
    for entry_id, topic in (
        ("rmsprop-update", "optimization"),
        ("hmm-forward-backward", "probability"),
        ("rank-nullity", "linear-algebra"),
    ):
        assert derive.get(entry_id).topic == topic
        assert rf"\label{{entry:{entry_id}}}" in parts[topic_title(topic)]


def test_one_topic_is_not_in_parts_and_exercises_keep_their_parts():
    one = derive.handout_tex(derive.entries("optimization"))
    assert not _parts(one) and r"\tableofcontents" in one
    ids = re.findall(r"\\section\{[^\n]*\}\\label\{entry:([a-z0-9-]+)\}", one)
    assert ids == [entry.id for entry in derive.entries("optimization")]
    mixed = [derive.get(i) for i in ("logistic-grad", "rmsprop-update", "normal-equations", "sigmoid-derivative")]
    exercises = derive.handout_tex(mixed, exercises=True)
    assert list(_parts(exercises)) == ["Linear algebra", "Calculus", "Optimization", "Models"]
    solutions = exercises[exercises.index(r"\appendix") :]
    assert r"\part*{Worked solutions}" in solutions
    order = re.findall(r"\\label\{solution:([a-z0-9-]+)\}", solutions)
    assert order == ["normal-equations", "sigmoid-derivative", "rmsprop-update", "logistic-grad"]


@pytest.mark.slow
def test_check_results_in_a_handout_come_from_a_run(tmp_path):
    entry = derive.get("logistic-grad")
    report = derive.check(entry, trials=3, seed=0)
    messages = []
    written = derive.write_handout([entry], tmp_path / "h.tex", trials=3, progress=messages.append)
    tex = written.path.read_text()
    assert messages == ["checking 1/1: logistic-grad"]
    assert f"${scientific(report.numeric[0].max_error)}$" in tex and "On 3 random instances" in tex
    assert f"JAX {derive.rendering.handout.jax_version()}" in tex and "3 of 3 steps proved" in tex


def _mc_verdict(spec, refused_low: float, status: str = "PASS") -> NumericVerdict:
    """A Monte Carlo verdict of ``spec`` as a run reports it (numbers chosen here, not typed into the output)."""
    details = {
        "resolution": [0.0052, 0.0075],
        "k": [5.29, 5.29],
        "bound": [0.003, 0.028],
        "refusal x1.02": [2.7, 3.5],
        "refusal x0.98": [refused_low, 3.6],
    }
    return NumericVerdict(spec.kind, spec.describe(), status, 0.36, 1.0, 8, 0, "cpu:0", details)


def test_monte_carlo_evidence_says_draws_closeness_resolution_and_refusals_in_words():
    """Issue 15: 'tolerance 10^0' after '2 trials' told a student nothing. Now: the draws, how close
    the sample mean came (error x resolution), the resolution, which perturbed claims were refused."""
    entry = derive.get("monte-carlo-estimator")
    spec = entry.checks[0]
    assert spec.kind == "mc"
    verdict = _mc_verdict(spec, refused_low=2.3)
    report = CheckReport(entry.id, (StepVerdict(1, "PROVED", "simplify"),), (verdict,))
    said = measured_checks(report, "0.4", entry)
    assert f"the sample mean of {spec.samples:,} draws was within {percent(0.36 * 0.0075)} of the claim" in said
    assert "In each of 8 trials" in said and f"relative error of {percent(0.0075)} (5.3 standard errors)" in said
    assert "refused the claim 2\\,\\% too high and the claim 2\\,\\% too low in every trial" in said
    assert "10^{0}" not in said and "tolerance" not in said
    weak = _mc_verdict(spec, refused_low=0.8, status="WEAK")
    said = measured_checks(CheckReport(entry.id, (), (weak,)), "0.4", entry)
    assert "did NOT refuse the claim 2\\,\\% too low" in said and "\\textbf{WEAK}" in said


def test_exact_checks_say_instances_and_largest_difference():
    entry = derive.get("logistic-grad")
    spec = entry.checks[0]
    verdict = NumericVerdict(spec.kind, spec.describe(), "PASS", 3.2e-16, 1e-8, 64, 0, "cpu:0")
    said = measured_checks(CheckReport(entry.id, (StepVerdict(1, "STATED", "stated"),), (verdict,)), "0.4", entry)
    assert "On 64 random instances" in said and "$3.2 \\times 10^{-16}$" in said and "$10^{-8}$" in said
    assert "1 stated with its reason" in said and "\\textbf{Passed.}" in said
    exact = NumericVerdict(spec.kind, spec.describe(), "PASS", 0.0, 1e-8, 64, 0, "cpu:0")
    said = measured_checks(CheckReport(entry.id, (), (exact,)), "0.4", entry)
    assert "automatic differentiation agreed exactly" in said and "at most $0" not in said


# -- TeX ----------------------------------------------------------------------------------------
def _fails_to_compile_alone(entries, tmp_path):
    """Which entries fail on their own (only called when the combined document failed)."""
    bad = []
    for entry in entries:
        try:
            compiled = compile_pdf(derive.standalone_latex(entry), tmp_path / f"{entry.id}.pdf")
        except derive.CompileFailed as exc:
            bad.append(f"{entry.id}: {exc}")
            continue
        bad += [f"{entry.id}: {problem}" for problem in compiled.problems]
    return bad


@pytest.mark.tex
@skip_without_tex
def test_every_entry_compiles_standalone(tmp_path):
    """All standalone bodies in one document (one latexmk run instead of one per entry); when it
    fails, each entry is compiled alone to name the culprit."""
    entries = derive.entries()
    body = "\n\\clearpage\n".join(worked_solution(entry) for entry in entries)
    source = fill("standalone.tex", preamble=fill("preamble.tex").strip(), pdftitle="all entries", body=body)
    try:
        compiled = compile_pdf(source, tmp_path / "all.pdf")
        problems = list(compiled.problems)
    except derive.CompileFailed as exc:
        problems = [str(exc)]
    if problems:
        culprits = _fails_to_compile_alone(entries, tmp_path)
        pytest.fail("\n".join(culprits or problems))


@pytest.mark.tex
@skip_without_tex
def test_show_standalone_compiles_as_it_is(tmp_path):
    result = run("show", "svm-kkt", "--format", "latex", "--standalone")
    assert result.exit_code == 0
    assert compile_pdf(result.stdout, tmp_path / "svm.pdf").problems == ()


@pytest.mark.tex
@skip_without_tex
@pytest.mark.parametrize("options", [("--all",), ("--topic", "models", "--exercises")], ids=["all", "exercises"])
def test_handout_compiles_clean(tmp_path, options):
    target = tmp_path / "h.pdf"
    result = run("handout", *options, "--no-check", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
    assert "compiling h.pdf with latexmk" in result.stderr and "compiling" not in result.stdout


@pytest.mark.tex
@skip_without_tex
def test_failed_compile_prints_the_log_lines_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "h.pdf"
    target.write_bytes(b"the old handout")
    real = derive.rendering.handout.handout_tex
    monkeypatch.setattr(
        derive.rendering.handout,
        "handout_tex",
        lambda *a, **k: real(*a, **k).replace(r"\end{document}", "\\notamacro\n\\end{document}"),
    )
    result = run("handout", "logistic-grad", "--no-check", "-o", str(target))
    assert result.exit_code == 1
    assert "Undefined control sequence" in result.stderr and r"source line" in result.stderr
    assert len(result.stderr.splitlines()) < 40, "an excerpt, not the whole log"
    assert target.read_bytes() == b"the old handout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.pdf"]


def test_log_problems_flags_wide_overfull_boxes_and_undefined_control_sequences():
    log = (
        "Overfull \\hbox (3.2pt too wide) in paragraph at lines 1--2\n"
        "Overfull \\hbox (12.5pt too wide) in paragraph at lines 3--4\n"
        "! Undefined control sequence.\n"
    )
    assert log_problems(log) == (
        "! Undefined control sequence.",
        "Overfull \\hbox (12.5pt too wide) in paragraph at lines 3--4",
    )


def test_tex_is_found_on_path_only():
    assert have_tex() == (shutil.which("latexmk") is not None and shutil.which("pdflatex") is not None)
