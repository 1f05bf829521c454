"""The `derive` command line: parse options, call the derive API, print. No mathematics here."""

from __future__ import annotations

import json
import shutil
import sys

import click

import derive
from derive.core.defaults import SEED, STEP_SECONDS, VERIFY_TRIALS
from derive.core.errors import DeriveError


class _Errors(click.Group):
    """Maps every user error to one line on stderr and exit status 2 (the only place that does)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DeriveError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


def _progress(length: int, label: str, **options):
    """A progress bar with the time left, on stderr and only on a terminal (never in piped output)."""
    return click.progressbar(
        length=length, label=label, file=sys.stderr, show_eta=True, hidden=not sys.stderr.isatty(), **options
    )


def _timeout_option(help_text: str):
    """The --timeout option of every command that runs symbolic checks (one default: STEP_SECONDS)."""
    return click.option(
        "--timeout", type=click.FloatRange(min=0.1), default=STEP_SECONDS, show_default=True, help=help_text
    )


@click.group(cls=_Errors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(derive.__version__, prog_name="derive")
def main():
    """Derivations of machine-learning mathematics, checked symbolically and against JAX autodiff.

    \b
    Example:
      derive list --topic optimization
      derive show logistic-grad
      derive check --all
    """


@main.command("list")
@click.option("--topic", help="Only entries of this topic.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of objects.")
def list_entries(topic, as_json):
    """List every derivation: id, title, topic.

    \b
    Example:
      derive list --topic linear-algebra --json
    """
    found = derive.entries(topic)
    if as_json:
        click.echo(json.dumps([{"id": e.id, "title": e.title, "topic": e.topic} for e in found], indent=2))
        return
    width = max(len(e.id) for e in found)
    for entry in found:
        click.echo(f"{entry.id:<{width}}  {entry.title}  [{entry.topic}]")


@main.command()
@click.argument("entry_id", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(derive.FORMATS), default="text", show_default=True)
@click.option("--standalone", is_flag=True, help="With --format latex: a complete document that compiles as it is.")
@click.option("--no-cache", is_flag=True, help="Render afresh, without the cache of rendered solutions.")
def show(entry_id, fmt, standalone, no_cache):
    """Print the worked solution of one derivation.

    \b
    Example:
      derive show logistic-grad
      derive show normal-equations --format latex
      derive show svm-kkt --format latex --standalone > svm.tex && latexmk -pdf svm.tex
    """
    if standalone and fmt != "latex":
        raise DeriveError("--standalone needs --format latex")
    from derive.cache.renderings import rendered

    def render():
        entry = derive.get(entry_id)
        return derive.standalone_latex(entry) if standalone else derive.render(entry, fmt)

    variant = f"{fmt}-standalone" if standalone else fmt
    if fmt == "text":  # wrapped to the terminal: a rendering at one width is not the one at another
        variant = f"text-{shutil.get_terminal_size().columns}"
    click.echo(rendered(entry_id, variant, render, use_cache=not no_cache))


@main.command()
@click.argument("entry_ids", metavar="[ID]...", nargs=-1)
@click.option("--all", "check_all", is_flag=True, help="Check every entry.")
@click.option("--topic", help="Check every entry of this topic.")
@click.option("--trials", type=click.IntRange(1), help="Random trials per numeric check.")
@click.option("--seed", type=int, default=SEED, show_default=True, help="Seed of the random inputs.")
@click.option("--device", type=click.Choice(["cpu", "gpu", "tpu"]), help="JAX backend (default: JAX's).")
@_timeout_option("Seconds per symbolic step.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON list at the end.")
@click.option("--jsonl", is_flag=True, help="Print each entry's report as one JSON line as soon as it is checked.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first entry that is not ok.")
@click.option("--recheck", is_flag=True, help="Check again even entries whose identical earlier check is stored.")
@click.option("--no-cache", is_flag=True, help="Use no cache: neither stored reports nor compiled checks.")
@click.option(
    "--jobs",
    type=click.IntRange(1),
    help="Entries checked at once, in as many processes (default: the number of CPUs).",
)
def check(
    entry_ids, check_all, topic, trials, seed, device, timeout, as_json, jsonl, fail_fast, recheck, no_cache, jobs
):
    """Check derivations both ways: each step symbolically, and the result numerically with JAX.

    Exit status 0 when every check passes, 1 when one fails or is undecided. An unchanged entry
    checked before with the same options is answered with that run's stored report (marked
    "stored"); --recheck runs it again. On a terminal, a progress bar on stderr shows the entry,
    its verdict and the time left.

    \b
    Example:
      derive check logistic-grad normal-equations --trials 256 --seed 1
      derive check --topic optimization --fail-fast
      derive check --all --jsonl > reports.jsonl
      derive check --all --jobs 4
      derive check --all --device gpu
    """
    if sum(map(bool, (entry_ids, check_all, topic))) != 1:
        raise DeriveError("name the entries to check, or pass --all or --topic (`derive list` shows them)")
    if as_json and jsonl:
        raise DeriveError("--json and --jsonl are two ways to print the same reports: pass one")
    from derive.rendering.check_report import report_text, summary_text

    if topic:
        chosen = derive.entries(topic)
    else:
        chosen = derive.entries() if check_all else [derive.get(entry_id) for entry_id in entry_ids]
    reports = []
    options = {"trials": trials, "seed": seed, "device": device, "timeout": timeout, "cache": not no_cache,
               "reuse": not recheck, "jobs": jobs}  # fmt: skip
    checked = derive.check_many(chosen, **options)
    with _progress(len(chosen), "checking", item_show_func=lambda text: text) as progress:
        for entry, report in zip(chosen, checked):
            reports.append(report)
            progress.update(1, f"{entry.id}: {'ok' if report.ok else 'NOT OK'}")
            if jsonl:
                click.echo(json.dumps(report.to_dict()))
            elif not as_json:
                click.echo(report_text(entry, report))
            if fail_fast and not report.ok:
                checked.close()  # stops the checks still running, children included
                break
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in reports], indent=2))
    elif not jsonl:
        click.echo(summary_text(reports))
    sys.exit(0 if all(r.ok for r in reports) else 1)


@main.command()
@click.argument("entry_ids", metavar="[ID]...", nargs=-1)
@click.option("--topic", help="Every entry of this topic.")
@click.option("--all", "every", is_flag=True, help="Every entry.")
@click.option("--title", help="The handout's title (default: from the entries).")
@click.option("--exercises", is_flag=True, help="Problems with blank space; worked solutions in an appendix.")
@click.option("--no-check", is_flag=True, help="Do not run the checks; list which checks exist instead of results.")
@click.option("--trials", type=click.IntRange(1), help="Random trials per numeric check.")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="FILE.tex, or FILE.pdf to compile."
)
@click.option("--quiet", is_flag=True, help="No progress lines on stderr.")
def handout(entry_ids, topic, every, title, exercises, no_check, trials, output, quiet):
    """Write worked solutions as a LaTeX handout, or a PDF when FILE ends in .pdf (needs latexmk).

    The checks run first and their measured results are printed in the handout. Exit status 1
    when TeX fails (its log's relevant lines on stderr; an existing FILE is left as it was) or
    an entry does not pass its checks.

    \b
    Example:
      derive handout logistic-grad normal-equations -o handout.pdf
      derive handout --topic models --exercises --title "Problem set 1" -o set1.pdf
      derive handout --all --no-check -o catalog.tex
    """
    chosen = derive.handout_entries(entry_ids, topic, every)
    progress = None if quiet else (lambda message: click.echo(message, err=True))
    try:
        written = derive.write_handout(
            chosen, output, title=title, exercises=exercises, check=not no_check, progress=progress, trials=trials
        )
    except derive.CompileFailed as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for problem in written.problems:
        click.echo(f"warning: TeX: {problem}", err=True)
    click.echo(f"wrote {written.path}")
    if written.not_passed:
        click.echo(f"not passed (the handout says so): {', '.join(written.not_passed)}", err=True)
        sys.exit(1)


@main.command()
@click.argument("latex", required=False)
@click.option(
    "--where",
    "declarations",
    multiple=True,
    metavar="DECL",
    help="Declare symbols ('w \\in \\mathbb{R}^{d}'), a random variable ('X \\sim \\mathcal{N}(\\mu, \\sigma^2)'), "
    "a function ('L(w) = \\|Xw - y\\|^2') or a hypothesis ('v^\\top v = 1').",
)
@click.option("--file", "tex_file", type=click.File("rb"), help="Read a .tex file: one chain or an align environment.")
@click.option("--against", "entry_id", metavar="ID", help="Check the final expression against this entry's result.")
@_timeout_option("Seconds for the symbolic checks.")
@click.option(
    "--trials", type=click.IntRange(1), default=VERIFY_TRIALS, show_default=True, help="Random inputs per step."
)
@click.option("--seed", type=int, default=SEED, show_default=True, help="Seed of the random inputs.")
@click.option("--device", type=click.Choice(["cpu", "gpu", "tpu"]), help="JAX backend (default: JAX's).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option(
    "--batch",
    "batch_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Verify every line of a JSONL file ({'latex': ..., 'where': [...], 'against': ID, 'id': ...}).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="With --batch: write the JSONL results here.")
def verify(latex, declarations, tex_file, entry_id, timeout, trials, seed, device, as_json, batch_file, output):
    """Check your own derivation, written in LaTeX, step by step (LATEX from stdin when omitted).

    Each step is decided symbolically on a small explicit instance and numerically with JAX.
    Exit status 0 when every step is valid, 1 when a step is invalid, 2 when the input is not
    understood, 3 when no step is invalid but one could not be decided. See docs/verify.md.

    \b
    Example:
      derive verify --where 'X \\in \\mathbb{R}^{n \\times d}' --where 'w \\in \\mathbb{R}^{d}, y \\in \\mathbb{R}^{n}' \\
        '\\nabla_w \\tfrac12\\|Xw-y\\|^2 = X^\\top X w - X^\\top y = X^\\top(Xw - y)'
      derive verify --against logistic-grad 'X^\\top \\sigma(Xw) - X^\\top y' --json
      derive verify --file my-derivation.tex --where 'A \\in \\mathbb{S}^{d}'
      derive verify --batch submissions.jsonl -o results.jsonl

    With --batch, one JSON result a line (the item's id, its verdict and steps) in the items' order;
    exit status 1 when an item is invalid, else 3 when one is undecided or unreadable, else 0.
    """
    if batch_file is not None:
        if latex is not None or tex_file is not None or declarations or entry_id or as_json:
            raise DeriveError("--batch takes its derivations, declarations and ids from the file: pass no other input")
        _verify_batch(batch_file, output, dict(timeout=timeout, trials=trials, seed=seed, device=device))
    if output is not None:
        raise DeriveError("-o/--output goes with --batch")
    options = dict(where=declarations, against=entry_id, timeout=timeout, trials=trials, seed=seed, device=device)
    try:
        source = _verify_input(latex, tex_file)
        report = derive.verify(source, **options)
    except DeriveError as exc:
        if not as_json:
            raise
        report = derive.VerifyReport.from_error(exc)
    click.echo(report.to_json() if as_json else report.to_text())
    sys.exit(report.exit_status)


def _verify_batch(batch_file, output, options) -> None:
    """Verify each line of a JSONL file in this one process, streaming results (or writing them to
    ``output`` at the end, atomically: a failed run leaves an existing file as it was)."""
    from pathlib import Path

    from derive.rendering.tex import check_output, write_text_atomically
    from derive.verifying.batch import iter_verified, read_jsonl, result_line
    from derive.verifying.source import read_source

    if output is not None:
        check_output(Path(output))
    with open(batch_file, "rb") as stream:
        items = list(read_jsonl(read_source(stream, batch_file).splitlines()))
    lines, statuses = [], set()
    with _progress(len(items), "verifying") as progress:
        for item, report in zip(items, iter_verified(items, **options)):
            lines.append(result_line(item, report))
            statuses.add(report.exit_status)
            progress.update(1)
            if output is None:
                click.echo(lines[-1])
    if output is not None:
        write_text_atomically("".join(line + "\n" for line in lines), Path(output))
    sys.exit(1 if 1 in statuses else 3 if statuses - {0} else 0)


def _verify_input(latex, tex_file) -> str:
    """The derivation to verify: the argument, or the file's or stdin's bytes, as UTF-8 text (a
    DeriveError naming the byte that is not, or an input too large; derive.verifying.source)."""
    from derive.verifying.source import checked_text, read_source

    if latex is not None:
        return checked_text(latex, "the formula")
    if tex_file is not None:
        return read_source(tex_file, tex_file.name)
    return read_source(click.get_binary_stream("stdin"), "stdin")


@main.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only)."
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the verify page in a web browser.")
@_timeout_option("Seconds for the symbolic checks of one request.")
def serve(host, port, open_browser, timeout):
    """Serve a local web page: verify a derivation, read the catalog. See docs/serve.md.

    \b
    Example:
      derive serve --open
      derive serve --port 8080
    """
    from derive.serving.server import serve as run_server

    run_server(host, port, open_browser, timeout, say=lambda line: click.echo(line, err=line.startswith("warning")))


if __name__ == "__main__":
    main()
