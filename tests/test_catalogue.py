"""The message catalogues: every message of the code is in them, translated, placeholders intact."""

from __future__ import annotations

import subprocess
import sys

import pytest

from catalogue_rules import catalogue_files, catalogue_problems, latin_words
from paigen import i18n
from paigen.i18n import _, negotiate, ngettext, normalise, use_language

ROOT = i18n.LOCALEDIR.parents[2]


def test_every_zh_cn_message_is_translated_with_its_placeholders_and_no_english():
    assert catalogue_files(), "no zh_CN catalogue in the package"
    assert catalogue_problems() == []


def test_the_catalogues_hold_every_message_the_code_marks():
    # Extract again into a scratch copy and compare: a message added to the code but not to
    # the catalogue would show in English to a Chinese user.
    script = ROOT / "scripts" / "catalogue.py"
    code = (
        "import runpy, sys\n"
        f"sys.argv=['catalogue', 'x']\n"
        f"ns = runpy.run_path({str(script)!r}, run_name='catalogue')\n"
        "from babel.messages.pofile import read_po\n"
        "missing = []\n"
        "for domain in ns['DOMAINS']:\n"
        "    template = ns['extract'](domain)\n"
        "    path = ns['po_path']('zh_CN', domain)\n"
        "    have = set()\n"
        "    if path.is_file():\n"
        "        with path.open('rb') as fh:\n"
        "            have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}\n"
        "    for m in template:\n"
        "        key = m.id if isinstance(m.id, str) else m.id[0]\n"
        "        if m.id and key not in have:\n"
        "            missing.append(f'{domain}: {key!r}')\n"
        "print('\\n'.join(missing))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", "run scripts/catalogue.py update:\n" + out.stdout


@pytest.mark.parametrize(("tag", "lang"), [
    ("zh-CN", "zh_CN"), ("zh_CN.UTF-8", "zh_CN"), ("zh-Hans", "zh_CN"), ("en_US.UTF-8", "en"),
    ("en", "en"), ("C.UTF-8", None), ("fr_FR", None), ("", None)])
def test_locale_tags_map_to_paigen_languages(tag, lang):
    assert normalise(tag) == lang


@pytest.mark.parametrize(("header", "lang"), [
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh_CN"), ("en-US,en;q=0.9", "en"), ("fr-FR,en;q=0.5", "en"),
    ("fr-FR", "zh_CN"), ("", "zh_CN"), (None, "zh_CN"), ("en;q=0.2,zh;q=0.8", "zh_CN"),
    ("en;q=bad", "zh_CN")])
def test_the_browser_language_is_negotiated_with_chinese_as_default(header, lang):
    assert negotiate(header) == lang


@pytest.mark.parametrize(("env", "lang"), [
    ({}, "zh_CN"), ({"LANG": "C.UTF-8"}, "zh_CN"), ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANGUAGE": "fr:en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"PAIGEN_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh_CN")])
def test_the_environment_chooses_the_language(env, lang):
    assert i18n.from_environment(env) == lang


def test_placeholders_are_filled_in_either_language():
    with use_language("en"):
        assert _("{count} problem found", count=1) == "1 problem found"
        assert ngettext("{n} village", "{n} villages", 2) == "2 villages"


def test_the_latin_word_rule_sees_english_but_not_names_of_files_keys_and_units():
    assert latin_words("请在 paigen.yaml 的 center.floors 中写 2，单位 mm，见 --lang") == []
    assert latin_words("第 {row} 行的 PDF 没有 bleed") == ["bleed"]
