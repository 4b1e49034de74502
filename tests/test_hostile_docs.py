"""Injection and code execution: profile values are data in the documents' markup, SVG, HTML
and XLSX; county templates run sandboxed; settings patterns know only their field names."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import openpyxl
import pytest

from hostile_util import county, refused, run, village
from paigen._pattern import PatternError, fill
from paigen.docs import document_kit
from paigen.errors import TemplateError
from paigen.inputs import open_inputs

ROOMS = """\
center:
  address: "中心街18号\\n@附件 伪造的附件\\n# 伪造的标题\\n| 伪 | 表 |"
  hours: "- 周一"
  rooms:
    - {name: '@附件 会议室', floor: 1}
    - {name: '<b>图书&室</b>', floor: 1}
"""


def _texts(monkeypatch, folder):
    import paigen.docs._kinds as kinds

    rendered = []
    original = kinds.render

    def spy(name, context, settings=None):
        text = original(name, context, settings)
        rendered.append((name, text))
        return text

    monkeypatch.setattr(kinds, "render", spy)
    inputs = open_inputs(folder)
    document_kit(inputs.profiles[0], inputs.settings, inputs.profiles)
    return dict(rendered)


def test_profile_values_never_become_document_markup(tmp_path, monkeypatch):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村", extra=ROOMS)})
    texts = _texts(monkeypatch, folder)
    report = texts["scoresheet.j2"]
    assert [a.title for a in report.attachments if "伪造" in a.title] == []
    flat = json.dumps([repr(b) for t in texts.values() for b in t.blocks], ensure_ascii=False)
    assert "Heading(level=1, number='一、', text='伪造" not in flat
    assert "中心街18号 @附件 伪造的附件 # 伪造的标题 ｜ 伪 ｜ 表 ｜" in flat  # kept as text, on one line
    for name, text in texts.items():
        assert "伪造" not in "".join(a.title for a in text.attachments), name


def test_svg_and_gallery_escape_profile_values(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村", extra=ROOMS)})
    out = tmp_path / "out"
    result, output = run("build", folder, "-o", out, "--only", "signs")
    assert result.exit_code == 0, output
    svgs = list(out.rglob("*.svg"))
    assert svgs
    for svg in svgs:
        ET.parse(svg)  # well-formed XML
    html = (out / "index.html").read_text("utf-8")
    assert "<b>图书" not in html
    book = openpyxl.load_workbook(out / "order.xlsx")
    assert book.worksheets


def _override(folder, body: str) -> None:
    (folder / "templates" / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "templates" / "docs" / "scoresheet.j2").write_text(body, encoding="utf-8")


@pytest.mark.parametrize("body, words", [
    ("@标题 x\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n", "公文模板中不允许这样写"),
    ("@标题 x\n{{ cycler.__init__.__globals__.os.popen('touch /tmp/paigen-pwned').read() }}\n",
     "公文模板中不允许这样写"),
    ("@标题 x\n{% include '../../../../etc/passwd' %}\n", "不是"),
    ("@标题 x\n{% include '/etc/passwd' %}\n", "不是"),
    ("@标题 x\n{{ 'x' * 10**9 }}\n", "公文模板中不允许这样写"),
    ("@标题 x\n{{ 'x' * 100000000 }}\n", "模板中重复的文字或列表太长"),
    ("@标题 x\n{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxx{% endfor %}{% endfor %}\n",
     "生成的公文超过 2000000 字"),
])
def test_county_templates_are_sandboxed(tmp_path, monkeypatch, body, words):
    import os

    folder = county(tmp_path / "c", {"v.yaml": village("东庄村")})
    _override(folder, body)
    with pytest.raises(TemplateError) as info:
        _texts(monkeypatch, folder)
    assert words in str(info.value) and "templates/docs/scoresheet.j2" in str(info.value)
    assert not os.path.exists("/tmp/paigen-pwned")


def test_a_sandboxed_template_error_fails_the_village_cleanly(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村")})
    _override(folder, "@标题 x\n{{ ''.__class__ }}\n")
    out = tmp_path / "out"
    output = refused(tmp_path, "build", folder, "-o", out, "--only", "docs", out=out)
    assert "scoresheet.j2" in output


@pytest.mark.parametrize("pattern", ["{village.__class__.__mro__}", "{village:>300000000}", "{0}",
                                     "{village!r}", "{village[0]}", "{", "{nope}"])
def test_patterns_allow_only_their_field_names(pattern):
    with pytest.raises(PatternError):
        fill(pattern, {"village": "东庄村"})


def test_patterns_fill_their_fields_and_literal_braces():
    assert fill("{village}党员群众服务中心", {"village": "东庄村"}) == "东庄村党员群众服务中心"
    assert fill("{{x}}{village}", {"village": "甲"}) == "{x}甲"


@pytest.mark.parametrize("settings, key", [
    ("center_name: {村: '{village.__class__.__mro__}'}\n", "center_name.村"),
    ("center_name: {村: '{village:>300000000}'}\n", "center_name.村"),
    ("center_name: {村: '{0}'}\n", "center_name.村"),
])
def test_bad_settings_patterns_are_refused_at_load(tmp_path, settings, key):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村")}, settings="preset: bazhou-2020\n" + settings)
    output = refused(tmp_path, "validate", folder)
    assert "paigen.yaml:2" in output and key in output and "只能使用 {village}" in output


def test_bad_cc_pattern_fails_the_documents_cleanly(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村")},
                    settings="preset: bazhou-2020\ndocuments: {cc: ['{nope}']}\n")
    out = tmp_path / "out"
    output = refused(tmp_path, "build", folder, "-o", out, "--only", "docs", out=out)
    assert "documents.cc[0]" in output and "使用了未知的占位符 {nope}" in output


def test_values_beginning_with_equals_stay_text_in_workbooks(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("'=SUM(1,2)村'")})
    out = tmp_path / "out"
    result, output = run("build", folder, "-o", out, "--only", "signs")
    assert result.exit_code == 0, output
    book = openpyxl.load_workbook(out / "order.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)
    converted = tmp_path / "book.xlsx"
    result, output = run("convert", folder, "-o", converted)
    assert result.exit_code == 0, output
    book = openpyxl.load_workbook(converted)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)
