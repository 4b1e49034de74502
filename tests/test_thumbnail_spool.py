"""The proof thumbnails wait in a temporary file while a county builds; the proof sheet drawn
from them is the one drawn from the thumbnails in memory."""

from __future__ import annotations

from dataclasses import replace

from paigen.batch.county import proof_pdf
from paigen.batch.proof import Spooled, ThumbnailSpool
from paigen.batch.records import BuildOptions
from paigen.build import build_village
from paigen.fonts.roles import resolve_roles
from paigen.inputs import open_inputs

from conftest import sample_county


def test_spooled_thumbnails_read_back_and_draw_the_same_proof_sheet(tmp_path, monkeypatch):
    county = sample_county(tmp_path, monkeypatch)
    inputs = open_inputs(county)
    roles = resolve_roles(inputs.settings)
    entry = next(e for e in inputs.entries if e.profile)
    result = build_village(entry.profile, inputs.settings, roles, tmp_path / "out",
                           BuildOptions(only=("signs",)), entry.label, (entry.profile,))
    in_memory = replace(result, thumbnails=list(result.thumbnails))
    assert len(in_memory.thumbnails) > 10 and all(isinstance(j, bytes) for __, j in in_memory.thumbnails)
    spool = ThumbnailSpool()
    spool.keep(result)
    assert all(isinstance(j, Spooled) for __, j in result.thumbnails)
    assert [(p, j.read()) for p, j in result.thumbnails] == in_memory.thumbnails
    assert proof_pdf([result], inputs.settings, roles) == proof_pdf([in_memory], inputs.settings, roles)
    spool.close()
