"""`python -m derive` and the `derive` console script."""

from __future__ import annotations


def main():
    try:  # an installed wheel carries the CLI as derive.cli
        from derive.cli import main as command
    except ImportError:  # a source checkout keeps it at the top level, as cli.py
        from cli import main as command
    command(prog_name="derive")


if __name__ == "__main__":
    main()
