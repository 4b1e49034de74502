"""Presets and the county's paigen.yaml overrides."""

import pytest

from paigen.errors import PaigenError, ProfileError
from paigen.i18n import use_language
from paigen.model.settings import default_settings, load_settings, preset_names


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """These tests read the English messages (tests/test_messages_input.py reads the Chinese)."""
    monkeypatch.setenv("PAIGEN_LANG", "en")
    with use_language("en"):
        yield



def write(tmp_path, text):
    (tmp_path / "paigen.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_default_preset_values():
    s = default_settings()
    assert s.preset == "general" and {"bazhou-2020", "general"} <= set(preset_names())
    assert s.sign("plaque")["size_mm"] == [320, 2100]
    assert s.sign("board")["bleed_mm"] == 5 and s.sign("banner")["bleed_mm"] == 0
    assert s.swatch("party-red").cmyk == (0, 100, 100, 0)
    assert s.swatch("gold").describe() == "C0 M12 Y90 K0"
    assert s.swatch("black").cmyk_unit == (0, 0, 0, 1)
    assert s.sign("plaque")["set"] == ["party_org", "committee", "supervision"]
    assert [b["mm"] for b in s.section("facade")["bottom_bands"]] == [500, 60, 60]
    assert [b["mm"] for b in s.section("facade")["top_bands"]] == [60, 250]
    assert s.center_name("东庄村", "村") == "东庄村党员群众服务中心"
    assert set(s.roles) == {"title", "song", "hei", "kai", "fangsong"}


def test_county_overrides_any_preset_value(tmp_path):
    s = load_settings(write(tmp_path, """\
preset: bazhou-2020
signs: {plaque: {size_mm: [300, 2000], min_text_mm: 40}}
colors:
  party-red: {cmyk: [0, 95, 90, 0]}
  county-green: {cmyk: [80, 0, 100, 10], rgb: "#00843D"}
print: {crop_marks: true}
fonts: {title: {path: fonts/方正小标宋简体.ttf}}
"""))
    assert s.sign("plaque")["size_mm"] == [300, 2000]
    assert s.sign("plaque")["min_text_mm"] == 40
    assert s.sign("plaque")["max_text_mm"] == 200  # untouched values stay
    assert s.swatch("party-red").cmyk == (0, 95, 90, 0) and s.swatch("party-red").rgb == "#E60012"
    assert s.swatch("county-green").describe() == "C80 M0 Y100 K10"
    assert s.section("print")["crop_marks"] is True
    assert s.resolve_path(s.font_role("title")["path"]) == tmp_path / "fonts/方正小标宋简体.ttf"
    assert s.sha256 != default_settings().sha256


def test_unknown_setting_gets_a_hint(tmp_path):
    with pytest.raises(ProfileError) as info:
        load_settings(write(tmp_path, "signs:\n  plaque:\n    size: [300, 2000]\n"))
    (problem,) = info.value.problems
    assert str(problem) == (f"{tmp_path / 'paigen.yaml'}:3:5 signs.plaque.size: unknown setting "
                            "'signs.plaque.size' (did you mean 'size_mm'?)")


def test_wrong_kind_of_value(tmp_path):
    with pytest.raises(ProfileError) as info:
        load_settings(write(tmp_path, "print: {bleed_mm: 三毫米}\nsigns: {door-plate: {size_mm: [300]}}\n"))
    text = str(info.value)
    assert "print.bleed_mm: expected a number like the preset's 3, got '三毫米'" in text
    assert "signs.door-plate.size_mm: expected 2 numbers, got [300]" in text


def test_bad_colours_and_references(tmp_path):
    with pytest.raises(ProfileError) as info:
        load_settings(write(tmp_path, """\
colors: {party-red: {cmyk: [0, 100, 120, 0]}, teal: {cmyk: [80, 0, 30, 0], rgb: teal}}
signs: {window: {colors: {ground: part-red}}, guide: {font: heiti}}
"""))
    text = str(info.value)
    assert "colors.party-red.cmyk: [0, 100, 120, 0] is not four percentages 0–100" in text
    assert "colors.teal.rgb: 'teal' is not a #RRGGBB screen colour" in text
    assert "signs.window.colors.ground: colour 'part-red' is not defined (did you mean 'party-red'?)" in text
    assert "signs.guide.font: font role 'heiti' does not exist" in text


def test_unknown_preset(tmp_path):
    with pytest.raises(ProfileError) as info:
        load_settings(write(tmp_path, "preset: bazhou-2021\n"))
    assert "unknown preset 'bazhou-2021' (did you mean 'bazhou-2020'?)" in str(info.value)


def test_unknown_swatch_is_a_clear_error():
    with pytest.raises(PaigenError, match=r"colour 'party-rd' is not defined.*did you mean 'party-red'"):
        default_settings().swatch("party-rd")
