"""User strings never reach eval, exec, sympify or parse_expr, and the parser never uses latex2sympy2's
evaluating paths: Python smuggled into a formula or a declaration is read as letters, or refused."""

import builtins
import pathlib

import pytest
import sympy.parsing.sympy_parser

import derive
from derive.verifying.declarations import parse_declarations
from derive.verifying.parser import parse_chain
from derive.verifying.scope import Scope

MARKER = "derive_injection_marker"
PAYLOADS = [
    f"__import__('os').system('touch {MARKER}')",
    f"\\operatorname{{__import__('os').system('touch {MARKER}')}}(x) = x",
    f"x = \\mathrm{{eval(\"__import__('os').system('touch {MARKER}')\")}}",
    f"\\text{{exec('import os; os.system(\"touch {MARKER}\")')}} x = x",
    f"\\frac{{\\partial}}{{\\partial x}} x = {MARKER}",
    f"\\variable{{__import__('os').system('touch {MARKER}')}} = 1",
    f"\\sum_{{i=1}}^{{n}} x_{{__import__('os')}} = {MARKER}",
    f"x^{{__import__('os').system('touch {MARKER}')}} = 1",
]


@pytest.fixture
def watched(monkeypatch, tmp_path):
    """Every call of eval, exec and parse_expr on a string that carries the marker is recorded."""
    monkeypatch.chdir(tmp_path)
    calls = []

    def spy(original, name):
        def wrapper(source, *args, **kwargs):
            if isinstance(source, str) and MARKER in source:
                calls.append(name)
            return original(source, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(builtins, "eval", spy(builtins.eval, "eval"))
    monkeypatch.setattr(builtins, "exec", spy(builtins.exec, "exec"))
    monkeypatch.setattr(
        sympy.parsing.sympy_parser, "parse_expr", spy(sympy.parsing.sympy_parser.parse_expr, "parse_expr")
    )
    yield calls
    assert not (tmp_path / MARKER).exists(), "a payload ran"
    assert calls == [], f"a user string reached {calls}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formulas_run_nothing(watched, payload):
    try:
        parse_chain(payload, Scope.of(()))
    except derive.DeriveError:
        pass


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_declarations_run_nothing(watched, payload):
    with pytest.raises(derive.DeriveError):
        parse_declarations([payload])


def test_a_whole_verification_runs_nothing(watched):
    report = derive.verify(f"{MARKER} = {MARKER}", trials=4)  # the letters of the marker, multiplied
    assert report.verdict == "valid"


def test_nothing_in_derive_imports_latex2sympy2():
    package = pathlib.Path(derive.__file__).parent
    importers = sorted(
        p.name for p in package.rglob("*.py") if any(f"{w} latex2sympy2" in p.read_text() for w in ("import", "from"))
    )
    assert importers == []
