"""The order files made in a process of their own while LibreOffice converts: the same bytes as
made in the build's process, and made there when that process fails."""

from __future__ import annotations

import json

from paigen import build as build_module
from paigen.batch import county
from paigen.batch.county import order_aside, order_files
from paigen.batch.records import BuildOptions
from paigen.fonts.roles import resolve_roles
from paigen.inputs import open_inputs

from conftest import sample_county


def _villages(tmp_path, monkeypatch):
    county = sample_county(tmp_path, monkeypatch)
    out = tmp_path / "out"
    build_module.build(county, out, BuildOptions(jobs=2, only=("signs", "facade")))
    inputs = open_inputs(county)
    batch = json.loads((out / "manifest.json").read_text("utf-8"))
    return out, batch["villages"], inputs.settings, resolve_roles(inputs.settings)


def test_the_order_made_aside_is_the_order_the_build_writes(tmp_path, monkeypatch):
    out, villages, settings, roles = _villages(tmp_path, monkeypatch)
    xlsx, pdf = order_aside(villages, settings, roles)()
    assert (xlsx, pdf) == order_files(villages, settings, roles)
    assert (out / "order.xlsx").read_bytes() == xlsx and (out / "order.pdf").read_bytes() == pdf
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_an_order_process_that_fails_leaves_the_order_to_the_build(tmp_path, monkeypatch):
    __, villages, settings, roles = _villages(tmp_path, monkeypatch)

    def broken(*args):
        raise MemoryError("the order process ran out of memory")

    monkeypatch.setattr(county, "order_documents", broken)  # the forked process inherits it
    assert order_aside(villages, settings, roles)() is None
