"""The wheel nests the catalog and the CLI inside `derive`, and works when installed (not editable)."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)]
    subprocess.run(build, check=True, capture_output=True)
    (path,) = out.glob("*.whl")
    return path


@pytest.mark.slow
@pytest.mark.xdist_group("wheel")  # one worker builds the wheel once for both tests
def test_wheel_installs_no_generic_top_level_module(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names}
    assert {t for t in top_level if not t.endswith(".dist-info")} == {"derive"}
    assert "derive/cli.py" in names and "derive/catalog/logistic_grad.py" in names
    assert "derive/catalog/_lib/hmm.py" in names  # the vocabulary entries import relatively


@pytest.mark.slow
@pytest.mark.xdist_group("wheel")
def test_installed_wheel_shows_a_derivation(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True)  # its pip is the system's (ensurepip costs ~4 CPU s)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True)
    # run away from the checkout so that the source tree cannot be imported by accident
    result = subprocess.run(
        [env_dir / "bin" / "derive", "show", "logistic-grad"], capture_output=True, text=True, cwd=tmp_path,
        env={"PATH": str(env_dir / "bin"), "PYTHONNOUSERSITE": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Gradient of the logistic-regression loss" in result.stdout
    uses_lib = subprocess.run(  # an entry that imports catalog/_lib (relatively, as derive.catalog._lib)
        [env_dir / "bin" / "derive", "show", "hmm-forward"], capture_output=True, text=True, cwd=tmp_path,
        env={"PATH": str(env_dir / "bin"), "PYTHONNOUSERSITE": "1"},
    )  # fmt: skip
    assert uses_lib.returncode == 0, uses_lib.stderr
    where = subprocess.run(
        [python, "-c", "import derive, derive.cli; print(derive.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert str(env_dir) in where.stdout, "the installed package, not the checkout, must be the one imported"
