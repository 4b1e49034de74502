"""The production kit: installation sheets, emblem slots, door strips, keylines, wording per
organisation type — what the print shop and the builder need without phoning back."""

from __future__ import annotations

import pytest

from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.signs import Context, sign_kit
from paigen.layout.text import TextEngine
from paigen.model.settings import default_settings

from conftest import SAMPLES


@pytest.fixture(scope="module")
def samples():
    return open_inputs(SAMPLES)


@pytest.fixture(scope="module")
def roles():
    return resolve_roles(default_settings())


@pytest.fixture(scope="module")
def kits(samples, roles):
    return {p.name: sign_kit(Context(p, samples.settings, TextEngine(roles))) for p in samples.profiles}


def test_installation_sheets_name_boards_by_title_with_wall_height_and_the_1_6_m_rule(kits):
    sheets = [a for a in kits["东庄村"] if a.type == "installation"]
    assert sheets
    for sheet in sheets:
        texts = sheet.page.texts
        labels = " ".join(t.text.replace("\n", "") for t in texts if t.name == "board-label")
        figures = [t.text for t in texts if t.name == "dim-label"]
        assert "3000" in figures and "1600" in figures  # wall height and the boards' bottom edge
        assert all(float(f) % 5 == 0 for f in figures), figures
        notes = " ".join(t.text for t in texts if t.name == "note")
        assert "1.6 m 规则" in notes and "墙高 3000 mm" in notes
        assert labels
    first = " ".join(t.text.replace("\n", "") for t in sheets[0].page.texts if t.name == "board-label")
    assert "村党支部书记抓党建工作责任清单" in first  # the board's title, not its library key


VILLAGE_WORDS = ("村民委员会", "村务", "村级", "乡村振兴")


def _run(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "paigen", *map(str, args)], capture_output=True, text=True)


def test_a_shequ_kit_has_none_of_the_village_words(tmp_path):
    import shutil
    import subprocess

    county = tmp_path / "county"
    county.mkdir()
    shutil.copy(SAMPLES / "paigen.yaml", county)
    shutil.copy(SAMPLES / "康宁社区.yaml", county)
    out = tmp_path / "out"
    done = _run("build", county, "-o", out, "--only", "signs", "--only", "facade", "--text", "live", "-j", "1")
    assert done.returncode == 0, done.stderr
    pdfs = sorted(p for p in out.rglob("*.pdf") if p.parent.name in ("signs", "drawings", "facade"))
    assert len(pdfs) > 30
    text = {p.name: subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True,
                                   check=True).stdout.replace("\n", "").replace(" ", "") for p in pdfs}
    for name, words in text.items():
        for word in VILLAGE_WORDS:
            assert word not in words, (name, word)
    everything = "".join(text.values())
    assert "居务监督委员会" in everything and "居务公开" in everything and "社区综合服务站" in everything
    import json

    manifest = json.loads(next(out.rglob("*/manifest.json")).read_text("utf-8"))
    banners = [a["title"] for a in manifest["artifacts"] if a["type"] == "banner" and a["format"] == "pdf"]
    assert banners == ["刀旗 不忘初心 牢记使命", "刀旗 党建引领 基层治理"]  # vertical: pdftotext mixes columns


def test_village_kits_keep_the_village_wording(kits):
    texts = "".join(t.text.replace("\n", "") for a in kits["东庄村"] for p in a.pages for t in p.texts)
    assert "村务监督委员会" in texts and "村务公开" in texts


def test_a_village_board_named_by_a_shequ_is_an_error_listing_the_boards_that_fit():
    from paigen.errors import ProfileError

    from conftest import load

    profile = """\
schema: paigen/v1
village: {name: 康宁社区, type: 社区, township: 裕华街道}
center:
  rooms:
    - {name: 社区党委书记办公室, floor: 1, boards: [小微权力清单]}
"""
    with pytest.raises(ProfileError) as info:
        load(profile)
    (problem,) = [str(p) for p in info.value.problems]
    assert "center.rooms[0].boards[0]: '小微权力清单' is not a board for a 社区 (use 社区小微权力清单" in problem
    assert "boards that fit a 社区:" in problem and "社区党组织书记抓党建责任清单" in problem
    assert "、小微权力清单" not in problem
    load(profile.replace("[小微权力清单]", "[社区小微权力清单, 社区党组织书记抓党建责任清单]"))
    village = profile.replace("type: 社区", "type: 村").replace("[小微权力清单]", "[社区小微权力清单]")
    with pytest.raises(ProfileError, match="'社区小微权力清单' is not a board for a 村 \\(use 小微权力清单"):
        load(village)
