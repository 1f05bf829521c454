"""Verify as a batch job (issue 17): derive.verify_many, `derive verify --batch`, and the Dask
example mapping it over a JSONL file's partitions on a LocalCluster."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import derive
from cli import main

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = [
    {"id": "good", "latex": "(x + 1)^2 = x^2 + 2x + 1"},
    {"id": "bad", "latex": "(x + 1)^2 = x^2 + 1"},
    {"id": "garbled", "latex": "x = "},
    {
        "id": "matrix",
        "latex": r"\nabla_w \tfrac12 \|Xw - y\|^2 = X^\top (Xw - y)",
        "where": [r"X \in \mathbb{R}^{n \times d}", r"w \in \mathbb{R}^{d}, y \in \mathbb{R}^{n}"],
    },
]


def test_verify_many_returns_each_report_in_order_and_one_bad_item_stops_nothing():
    reports = derive.verify_many([*SUBMISSIONS, "not an object", {"latex": "x = x", "tolerance": 1}])
    assert [r.verdict for r in reports] == ["valid", "invalid", "error", "valid", "error", "error"]
    assert reports[2].message.startswith("item 3: ")
    assert "item 6: unknown field 'tolerance'" in reports[5].message
    assert reports[1].to_dict()["first_invalid_step"] == 1


def _jsonl(tmp_path, lines) -> Path:
    path = tmp_path / "submissions.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_verify_batch_streams_one_result_a_line_with_the_item_id(tmp_path):
    lines = [json.dumps(item) for item in SUBMISSIONS[:2]] + ["", "{not json"]
    result = CliRunner().invoke(main, ["verify", "--batch", str(_jsonl(tmp_path, lines))])
    assert result.exit_code == 1  # an item is invalid
    results = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r.get("id"), r["verdict"]) for r in results] == [("good", "valid"), ("bad", "invalid"), (None, "error")]
    assert "line 4 is not JSON" in results[2]["message"]


def test_verify_batch_checks_its_output_path_before_any_work_and_keeps_the_old_file(tmp_path):
    source = _jsonl(tmp_path, [json.dumps(SUBMISSIONS[0])])
    result = CliRunner().invoke(main, ["verify", "--batch", str(source), "-o", str(tmp_path / "missing" / "out.jsonl")])
    assert result.exit_code == 2 and "does not exist" in result.output
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["verify", "--batch", str(source), "-o", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text())["verdict"] == "valid"


def test_verify_batch_takes_no_other_input(tmp_path):
    source = _jsonl(tmp_path, [json.dumps(SUBMISSIONS[0])])
    result = CliRunner().invoke(main, ["verify", "--batch", str(source), "x = x"])
    assert result.exit_code == 2 and "pass no other input" in result.output


def test_the_dask_example_verifies_a_file_on_a_local_cluster_of_two_workers(tmp_path):
    """Run as a user runs it, in its own process (its cluster's processes and multiprocessing's
    resource tracker end with it), each worker bound to a CPU of its own as bench/scale.py measures it."""
    pytest.importorskip("distributed")
    source = _jsonl(tmp_path, [json.dumps(item) for item in SUBMISSIONS])
    example = ROOT / "examples" / "verify_with_dask.py"
    out = tmp_path / "results"
    run = subprocess.run(
        [sys.executable, str(example), str(source), str(out), "--workers", "2", "--partitions", "2", "--one-core-each"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    written = run.stdout.split()
    assert len(written) == 2 and all(Path(name).parent == out for name in written)
    joined = "".join(Path(name).read_text() for name in sorted(written))  # cat results/*.jsonl is JSONL too
    results = [json.loads(line) for line in joined.splitlines()]
    assert [(r["id"], r["verdict"]) for r in results] == [
        ("good", "valid"),
        ("bad", "invalid"),
        ("garbled", "error"),
        ("matrix", "valid"),
    ]


def test_derivations_differing_only_in_coefficients_share_one_compiled_batch():
    from derive.verifying import numeric

    items = [{"latex": f"{c} (x + 1)^2 = {c} x^2 + {2 * c} x + {c}"} for c in (3, 5)]
    items.append({"latex": "3 (x + 1)^2 = 3 x^2 + 7 x + 3"})  # the same structure, a wrong coefficient

    def checks():  # the compiled numeric checks (a wrong step's diagnosis compiles its own batch)
        return [key for key in numeric._COMPILED if key[0][:1] != ("diagnosis",)]

    before = len(checks())
    reports = derive.verify_many(items)
    assert [r.verdict for r in reports] == ["valid", "valid", "invalid"]
    assert "differ" in reports[2].steps[0].method  # the numeric opinion saw the wrong coefficient too
    assert len(checks()) == before + 1
