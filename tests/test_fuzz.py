"""Fuzz suite: random and hostile inputs never escape as tracebacks.

Every generated profile, workbook cell, name, pattern and markup value either works or is
refused with a located :class:`~paigen.errors.ProfileError` (or a pattern/markup error);
nothing else may be raised. Sized to run in well under a minute.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paigen._names import MAX_NAME_BYTES, name_key, safe_name
from paigen._pattern import PatternError, fill
from paigen.docs._blocks import Paragraph
from paigen.docs._markup import parse
from paigen.docs._templates import escape_markup
from paigen.errors import ProfileError
from paigen.model.load import profile_from_document
from paigen.model.settings import default_settings
from paigen.sources.yamlfile import parse_yaml

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
SETTINGS = default_settings()

# Text that mixes Chinese, markup characters, controls, invisibles, surrogates and braces.
NASTY = st.lists(st.sampled_from([*"东庄村党员 \u3000\t\n\r@#|-{}:./\\<>&'\"",
                                   "\x00", "\x1b", "\x07", "\u200b", "\u202e", "\ufeff",
                                    "\ud800", "\uffff", "Ａ", "ｉ", "…", "CON", "nul", "..", "é"]),
                 max_size=40).map("".join)
SCALAR = st.one_of(NASTY, st.integers(-10**30, 10**30), st.floats(allow_nan=True, allow_infinity=True),
                   st.booleans(), st.none())
PROFILE_KEYS = {
    "village": ["name", "township", "type", "county", "committee", "party_org"],
    "center": ["name", "address", "hours", "phone", "wechat_url", "floors", "building_area_m2", "rooms"],
    "rating": ["year", "stars"],
    "duty": ["per_day", "week"],
    "facts": ["meeting_capacity", "square_area_m2"],
    "facade": ["walls"],
    "people": None,
    "wayfinding": None,
}


def _value(depth: int = 2):
    if depth == 0:
        return SCALAR
    return st.one_of(SCALAR, st.lists(_value(depth - 1), max_size=4),
                     st.dictionaries(st.sampled_from(["name", "floor", "length_mm", "height_mm", "x"]),
                                     _value(depth - 1), max_size=4))


@st.composite
def profiles(draw):
    data: dict = {"schema": "paigen/v1"}
    for section in draw(st.lists(st.sampled_from(sorted(PROFILE_KEYS)), unique=True, max_size=5)):
        keys = PROFILE_KEYS[section]
        if keys is None:
            data[section] = draw(st.lists(_value(1), max_size=3))
        else:
            data[section] = {k: draw(_value(1)) for k in draw(st.lists(st.sampled_from(keys), unique=True,
                                                                          max_size=4))}
    return data


def _check(raw: bytes) -> None:
    try:
        doc = parse_yaml(raw, "fuzz.yaml")
        profile_from_document(doc, SETTINGS)
    except ProfileError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.location.file == "fuzz.yaml"
            assert str(problem).startswith("fuzz.yaml")


@FAST
@given(st.binary(max_size=300))
def test_random_bytes_are_a_profile_or_a_located_error(raw):
    _check(raw)


@FAST
@given(st.lists(st.sampled_from([*"ab:- []{}&*!<>|#'\"\n\t,?%@`\\", "!!python/object", "<<",
                                 "&a ", "*a", "东", "!x "]),
                max_size=120).map("".join))
def test_yaml_shaped_noise_is_a_profile_or_a_located_error(text):
    _check(text.encode("utf-8", "surrogatepass"))


@FAST
@given(profiles())
def test_hostile_profiles_are_a_profile_or_a_located_error(data):
    try:
        raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8", "surrogatepass")
    except (yaml.YAMLError, UnicodeEncodeError):
        return
    _check(raw)


@FAST
@given(NASTY)
def test_safe_names_are_safe_bounded_and_stable(name):
    safe = safe_name(name)
    assert safe and safe not in (".", "..")
    assert not set(safe) & set('/\\:*?"<>|') and all(ord(c) >= 32 for c in safe)
    assert len(safe.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES
    assert safe == safe.strip(" .")
    assert safe_name(safe) == safe
    assert name_key(name) == name_key(name.upper()) or name_key(name) == safe.casefold()


@FAST
@given(st.text(alphabet=st.sampled_from(list("{}村:!>0.[]_a ")), max_size=20))
def test_patterns_fill_or_refuse(pattern):
    try:
        out = fill(pattern, {"village": "东庄村"})
    except PatternError:
        return
    assert len(out) <= len(pattern) * 4 + 10


@FAST
@given(NASTY)
def test_escaped_values_are_plain_text_in_the_markup(value):
    text = escape_markup(value)
    if not isinstance(text, str) or not text.strip():
        return
    for line in (f"{text}", f"正文{text}"):
        parsed = parse(line, "fuzz")
        assert not parsed.attachments and not parsed.title
        assert all(isinstance(b, Paragraph) for b in parsed.blocks), parsed.blocks


@SLOW
@given(st.lists(st.tuples(st.sampled_from(["地址", "层数", "建筑面积㎡", "村名", "电话", "星级"]),
                          st.one_of(st.text(max_size=30), st.integers(-10**12, 10**12),
                                    st.floats(allow_nan=False, allow_infinity=False), st.booleans())),
                min_size=1, max_size=5))
def test_workbook_cells_are_a_profile_or_a_located_error(cells):
    import openpyxl

    from paigen.sources.xlsx import read_workbook
    from paigen.starter import write_starter

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_starter(folder, as_workbook=True)
        book = next(folder.glob("*.xlsx"))
        wb = openpyxl.load_workbook(book)
        ws = wb["村庄"]
        header = {str(c.value).split("\n")[0]: c.column for c in ws[1]}
        for label, value in cells:
            if isinstance(value, str):
                value = "".join(c for c in value if c.isprintable())
            if isinstance(value, float) and not math.isfinite(value):
                continue
            ws.cell(2, header[label], value)
        wb.save(book)
        try:
            docs, problems = read_workbook(book)
        except ProfileError as exc:
            assert all(book.name in str(p) for p in exc.problems)
            return
        for problem in problems:
            assert book.name in str(problem) and str(book) == problem.location.file
        for doc in docs:
            try:
                profile_from_document(doc, SETTINGS)
            except ProfileError as exc:
                assert all(str(book) in str(p.location) for p in exc.problems)


@SLOW
@given(profiles())
def test_hostile_profiles_through_the_command_line(data):
    from hostile_util import run

    try:
        raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8", "surrogatepass")
    except (yaml.YAMLError, UnicodeEncodeError):
        return
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "fuzz.yaml"
        file.write_bytes(raw)
        result, output = run("validate", file)
        assert result.exception is None or isinstance(result.exception, SystemExit), output
        assert result.exit_code in (0, 1), output
        assert "Traceback" not in output
        if result.exit_code == 1:
            assert "fuzz.yaml:" in output or "fuzz.yaml " in output


@given(st.lists(NASTY, min_size=1, max_size=3))
def test_gallery_links_lead_to_the_file_they_name(names):
    from urllib.parse import unquote, urljoin, urlsplit

    from paigen.batch.gallery import href

    path = "/".join(safe_name(n) for n in names) + "/signs/plaque-1.pdf"
    link = href(path)
    parts = urlsplit(link)
    assert not parts.scheme and not parts.netloc and not parts.query and not parts.fragment
    assert unquote(link) == path
    assert unquote(urlsplit(urljoin("file:///out/index.html", link)).path) == "/out/" + path


@given(st.characters(min_codepoint=0, max_codepoint=0x10FFFF))
def test_a_refused_character_is_named_for_what_it_is(char):
    from paigen.model._convert import PRIVATE_USE, char_problem

    found = char_problem(f"东{char}村")
    private = any(lo <= ord(char) <= hi for lo, hi in PRIVATE_USE)
    if private:
        assert found and "私用区字符" in found[0] and "造字" in found[0]
    elif found:
        assert "不可见字符或控制字符" in found[0] and f"U+{ord(char):04X}" in found[0]


@given(st.lists(st.sampled_from(["signs", "facade", "docs", "..", ".", "", "/", "\\", "a.pdf", "link"]),
                max_size=5).map("/".join))
def test_a_kept_file_is_inside_its_kit_or_not_kept(path):
    from paigen.batch.parts import _kit_file

    with tempfile.TemporaryDirectory() as tmp:
        kit = Path(tmp) / "kit"
        (kit / "signs").mkdir(parents=True)
        (kit / "signs" / "a.pdf").write_bytes(b"%PDF")
        (kit / "signs" / "link").symlink_to(Path(tmp))
        (Path(tmp) / "a.pdf").write_bytes(b"outside")
        found = _kit_file(kit, path)
        if found is not None:
            assert found.is_file() and not found.is_symlink()
            assert kit.resolve() in found.resolve().parents
