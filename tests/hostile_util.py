"""Run paigen as a hostile user would, and check the promises of a refusal.

Every refusal: exit code 1 or 2, a message that names a place (file:line, sheet!cell or the
path given), no traceback, nothing written outside OUT, and no partial kit inside it.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from click.testing import CliRunner

from paigen.cli import main

HOSTILE = Path(__file__).resolve().parent / "hostile"
SETTINGS = "preset: bazhou-2020\n"
PROFILE = """\
schema: paigen/v1
village:
  name: {name}
  township: {township}
"""
_LOCATED = re.compile(r"(\S+\.(ya?ml|xlsx)(:|\b)|'[^']+'|「[^」]+」)")


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")} if root.exists() else set()


def run(*args: object, input: str | None = None, env: dict | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input, env=env, catch_exceptions=True)
    output = result.output  # stdout and stderr, interleaved
    return result, output


def refused(root: Path, *args: object, out: Path | None = None, codes=(1, 2), env: dict | None = None):
    """Run paigen under *root*; assert a clean refusal; return the output."""
    before = files_under(root)
    result, output = run(*args, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"paigen raised {result.exception!r}:\n{output}") from result.exception
    assert result.exit_code in codes, (result.exit_code, output)
    assert "Traceback" not in output, output
    assert _LOCATED.search(output), f"no location in: {output}"
    added = files_under(root) - before
    outside = [p for p in added if out is None or not (p == out or out in p.parents)]
    assert not outside, f"files written outside OUT: {sorted(outside)}"
    if out is not None:
        assert_no_partial_kit(out)
    return output


def assert_no_partial_kit(out: Path) -> None:
    if not out.exists():
        return
    for p in out.rglob("*"):
        assert ".building-" not in p.name and ".old-" not in p.name and not p.name.endswith(".part"), p
    for manifest in out.glob("*/*/manifest.json"):
        kit = manifest.parent
        import json

        data = json.loads(manifest.read_text("utf-8"))
        for a in data["artifacts"]:
            assert (kit / a["path"]).is_file(), (kit, a["path"])
    for kit in (k for t in out.iterdir() if t.is_dir() for k in t.iterdir() if k.is_dir()):
        assert (kit / "manifest.json").is_file(), f"kit without manifest: {kit}"


def county(folder: Path, villages: dict[str, str], settings: str = SETTINGS) -> Path:
    """A county folder with *villages* (file name → YAML text)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "paigen.yaml").write_text(settings, encoding="utf-8")
    for name, text in villages.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def village(name: str, township: str = "堂二里镇", extra: str = "") -> str:
    return PROFILE.format(name=name, township=township) + textwrap.dedent(extra)
