"""The installed wheel carries its data; the console script and CLI basics work."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import paigen
from paigen._io import atomic_write

from conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build the wheel and install it alone into a folder of its own."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(ROOT)], check=True, capture_output=True)
    (wheel,) = out.glob("paigen-*.whl")
    target = out / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    return wheel, target


def test_wheel_ships_presets_and_templates(installed):
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "paigen/signage/presets/bazhou-2020.yaml" in names
    assert "paigen/templates/init/paigen.yaml" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_finds_its_data(installed, tmp_path):
    _, target = installed
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = ("import paigen, paigen._data as d; print(paigen.__file__); "
            "print(d.presets_dir()); print(d.templates_dir())")
    run = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                         capture_output=True, text=True, check=True)
    module, presets, templates = run.stdout.split()
    assert Path(module).is_relative_to(target)
    assert Path(presets) == target / "paigen" / "signage" / "presets"
    assert Path(templates) == target / "paigen" / "templates"
    run = subprocess.run([sys.executable, "-m", "paigen", "init", "--xlsx", "county"], env=env,
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([sys.executable, "-m", "paigen", "validate", "county"], env=env,
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0 and "1 个无误，0 个有问题" in run.stdout


def test_version_and_console_script():
    script = Path(sys.executable).with_name("paigen")
    run = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == f"paigen, version {paigen.__version__}"


def test_init_and_convert(tmp_path):
    cli = [sys.executable, "-m", "paigen"]
    run = subprocess.run([*cli, "init", str(tmp_path / "c")], capture_output=True, text=True)
    assert run.returncode == 0 and (tmp_path / "c" / "示例村.yaml").is_file()
    again = subprocess.run([*cli, "init", str(tmp_path / "c")], capture_output=True, text=True)
    assert again.returncode == 1 and "已存在" in again.stderr and "--force" in again.stderr
    run = subprocess.run([*cli, "convert", str(SAMPLES), "-o", str(tmp_path / "all.xlsx")],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "共 3 个村" in run.stdout


def test_convert_refuses_invalid_profiles(tmp_path):
    (tmp_path / "坏村.yaml").write_text("village: {name: 坏村}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "paigen", "convert", str(tmp_path), "-o",
                          str(tmp_path / "x.xlsx")], capture_output=True, text=True)
    assert run.returncode == 1 and "缺少必填项「township」" in run.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_atomic_write_leaves_nothing_behind_on_failure(tmp_path):
    target = tmp_path / "sub" / "a.bin"
    atomic_write(target, b"one")

    with pytest.raises(TypeError):
        atomic_write(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"one"
    assert [p.name for p in target.parent.iterdir()] == ["a.bin"]
