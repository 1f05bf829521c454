"""`derive show`, `list` and `--help` must stay light: they import neither JAX nor latex2sympy2."""

import subprocess
import sys

import pytest

PROBE = """
import sys
from click.testing import CliRunner
from cli import main
result = CliRunner().invoke(main, {args!r})
assert result.exit_code == 0, result.output
heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('jax', 'jaxlib', 'latex2sympy2', 'antlr4'))
print(','.join(heavy))
"""


@pytest.mark.parametrize(
    "args", [["show", "logistic-grad"], ["list"], ["--help"], ["show", "svm-kkt", "--format", "latex"]]
)
def test_command_does_not_import_jax_or_the_parser(args):
    result = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"`derive {' '.join(args)}` imported {result.stdout.strip()}"
