"""Shared fixtures: sample folders, settings and a profile loader for inline YAML."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from paigen.errors import ProfileError
from paigen.model.load import profile_from_document
from paigen.model.settings import default_settings
from paigen.sources.yamlfile import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
# The tests see what a user sees by default: Chinese, whatever the locale of the machine running
# them. A test of English sets its own language (``use_language("en")``, ``--lang en``).
os.environ["PAIGEN_LANG"] = "zh_CN"

SAMPLES = ROOT / "samples" / "bazhou"
SAMPLES_XLSX = ROOT / "samples" / "bazhou-xlsx"

MINIMAL = """\
schema: paigen/v1
village:
  name: 东庄村
  township: 堂二里镇
"""


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    # Keep the font index cache of the tests away from the user's home folder.
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def settings():
    return default_settings()


def load(text: str, settings=None, label: str = "村.yaml"):
    """Validate inline YAML as a profile."""
    doc = parse_yaml(textwrap.dedent(text).encode("utf-8"), label)
    return profile_from_document(doc, settings or default_settings())


def problems(text: str) -> list[str]:
    """Validate inline YAML that must fail; return its problems as printed."""
    with pytest.raises(ProfileError) as info:
        load(text)
    return [str(p) for p in info.value.problems]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under *folder* by its relative path: two builds compare as wholes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def sample_county(tmp_path: Path, monkeypatch, keep_artworks: bool = False) -> Path:
    """A copy of the sample county, built with a fixed date; every artwork drawn in the test's
    run unless *keep_artworks* (the drawn files kept on disk from earlier runs)."""
    import shutil

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    if not keep_artworks:
        monkeypatch.setenv("PAIGEN_ARTWORK_CACHE_MB", "0")
    county = tmp_path / "county"
    shutil.copytree(SAMPLES, county)
    return county
