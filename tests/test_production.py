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
