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


def _one_village(tmp_path, monkeypatch):
    """The sample county's inputs, its roles and the signs of its first village, built."""
    inputs = open_inputs(sample_county(tmp_path, monkeypatch))
    roles = resolve_roles(inputs.settings)
    entry = next(e for e in inputs.entries if e.profile)
    result = build_village(entry.profile, inputs.settings, roles, tmp_path / "out",
                           BuildOptions(only=("signs",)), entry.label, (entry.profile,))
    return inputs, roles, result


def test_spooled_thumbnails_read_back_and_draw_the_same_proof_sheet(tmp_path, monkeypatch):
    inputs, roles, result = _one_village(tmp_path, monkeypatch)
    in_memory = replace(result, thumbnails=list(result.thumbnails))
    assert len(in_memory.thumbnails) > 10 and all(isinstance(j, bytes) for __, j in in_memory.thumbnails)
    spool = ThumbnailSpool()
    spool.keep(result)
    assert all(isinstance(j, Spooled) for __, j in result.thumbnails)
    assert [(p, j.read()) for p, j in result.thumbnails] == in_memory.thumbnails
    assert proof_pdf([result], inputs.settings, roles) == proof_pdf([in_memory], inputs.settings, roles)
    spool.close()


def test_the_proof_sheet_lays_out_a_page_when_it_is_drawn_and_knows_its_characters(tmp_path, monkeypatch):
    # each page is laid out when asked for (its thumbnails read from the spool then); the live
    # text's characters, from one sample of each line, are those of all the pages
    from paigen.backends._glyphs import chars_by_face
    from paigen.batch.proof import Proof, proof_sheet
    from paigen.layout.text import TextEngine

    __, roles, result = _one_village(tmp_path, monkeypatch)
    spool = ThumbnailSpool()
    spool.keep(result)
    reads = []
    real = spool.read
    monkeypatch.setattr(spool, "read", lambda at, size: reads.append(at) or real(at, size))
    titles = ["党员群众服务中心规范化建设标识标牌（第二批）门牌", "门牌", "值班表"]
    proofs = [Proof("堂二里镇", f"村{n // 20}", titles[n % 3] * (1 + n % 2), "600×900 mm", jpeg,
                    "文字待核对：入党誓词" if n % 4 == 0 else "")
              for n, (__, jpeg) in enumerate(result.thumbnails * 2)]
    sheet = proof_sheet(TextEngine(roles), proofs, "霸州市")
    assert len(sheet.pages) >= 3 and not reads  # nothing laid out, nothing read yet
    page = sheet.pages[0]
    assert reads and len(page.items) > 20
    eager = type(sheet)(**{**sheet.__dict__, "pages": tuple(sheet.pages)})
    assert chars_by_face(sheet) == chars_by_face(eager)
    assert "…" in "".join(t.text for p in eager.pages for t in p.texts)  # a title shortened to its cell
    spool.close()
