"""The reader of text typed as text: what it takes as what, and what it must leave alone."""

from __future__ import annotations

import pytest

from paigen.docs._blocks import Heading, Paragraph
from paigen.docs._recognise import numbered, read_date, recognise
from paigen.docs.compose import load_document
from paigen.docs.markdown import load_draft

from conftest import ROOT


@pytest.mark.parametrize(("typed", "iso"), [
    ("2026年12月6日", "2026-12-06"), ("2026-12-06", "2026-12-06"), ("2026.12.6", "2026-12-06"),
    ("2026/12/6", "2026-12-06"), ("二〇二六年十二月六日", "2026-12-06"), ("二○二六年十二月二十日", "2026-12-20"),
    ("2026 年 1 月 31 日", "2026-01-31"), ("二〇二六年一月三十一日", "2026-01-31"),
])
def test_dates_in_every_common_form(typed, iso):
    assert read_date(typed) == iso


@pytest.mark.parametrize("text", ["2026年13月6日", "12月6日", "2026年", "第2026号", "1.5米"])
def test_what_is_not_a_date(text):
    assert read_date(text) is None


@pytest.mark.parametrize(("line", "level", "number"), [
    ("一、总体要求", 1, "一、"), ("一.总体要求", 1, "一、"), ("十二，总体要求", 1, "十二、"),
    ("(一)加强领导。", 2, "（一）"), ("（三)加强领导。", 2, "（三）"), ("1、统一标准", 3, "1."),
    ("2．压实责任", 3, "2."), ("(1)门头牌匾", 4, "（1）"), ("（12）门牌", 4, "（12）"),
])
def test_numbering_with_any_punctuation(line, level, number):
    assert numbered(line)[:2] == (level, number)


@pytest.mark.parametrize("line", ["1.5米以上的牌匾", "2026.12.6", "12月10日前完成", "一是加强领导", "（此件公开发布）"])
def test_lines_that_are_not_headings(line):
    assert numbered(line) is None


def test_a_sentence_ending_in_a_colon_is_not_the_addressee():
    rec = recognise("关于做好值班工作的通知\n为做好值班工作，现将有关事项通知如下：\n一、值班安排\n", {}, text_mode=True)
    assert rec.values["title"] == "关于做好值班工作的通知" and "to" not in rec.values


def test_closing_words_are_not_a_signature():
    rec = recognise("关于值班的通知\n各村：\n请做好值班。\n特此通知\n2026年12月6日\n", {}, text_mode=True)
    assert "offices" not in rec.values and rec.values["date"] == "2026-12-06"
    assert "特此通知" in rec.body


def test_a_red_head_and_number_typed_at_the_top():
    rec = recognise("中共东风镇委员会文件\n东发[2026]第05号\n关于表彰的决定\n各村党组织：\n正文。\n"
                    "东风镇党建办\n2026年12月6日\n", {}, text_mode=True)
    assert rec.values["mark"] == ["中共东风镇委员会文件"] and rec.values["number"] == "东发〔2026〕5号"
    assert rec.values["title"] == "关于表彰的决定" and rec.values["offices"] == ["东风镇党建办"]
    assert any(f.what == "更正" and "东发[2026]第05号" in f.text for f in rec.findings)


def test_the_front_matter_wins_and_typed_signature_lines_are_not_repeated():
    have = {"title": "关于值班的通知", "offices": ["中共东风镇委员会"], "date": "2026-12-06", "to": ["各村"]}
    rec = recognise("请做好值班。\n中共东风镇委员会\n2026年12月6日\n", have, text_mode=True)
    assert rec.values == {} and rec.body.strip() == "请做好值班。"


def test_sample_markdown_documents_read_as_before():
    """Markdown with a front matter: the same blocks as the Markdown reader always gave."""
    for file in sorted((ROOT / "samples" / "documents").glob("*.md")):
        doc = load_document(file)
        assert doc.draft.front.title and doc.draft.text.blocks
        heads = [b for b in doc.draft.text.blocks if isinstance(b, Heading)]
        assert all(b.number for b in heads)
        assert not any(f.what == "更正" for f in doc.draft.report), file


def test_attachment_pages_after_the_date(tmp_path):
    file = tmp_path / "通知.txt"
    file.write_text("关于值班的通知\n各村：\n请做好值班。\n附件：值班表\n中共东风镇委员会\n2026年12月6日\n"
                    "附件\n值班表\n| 村 | 值班人 |\n| 东村 | 王建国 |\n", encoding="utf-8")
    doc = load_document(file)
    assert [a.title for a in doc.front.attachments] == ["值班表"]
    (page,) = doc.attachments
    assert page.front.title == "值班表" and page.text.blocks[0].rows[1] == ("东村", "王建国")


def test_markdown_without_front_matter_keeps_wrapped_lines_together(tmp_path):
    file = tmp_path / "通知.md"
    file.write_text("关于值班的通知\n\n各村要做好\n春节期间值班工作。\n\n## 值班安排\n\n中共东风镇委员会\n2026年12月6日\n",
                    encoding="utf-8")
    draft = load_draft(file)
    assert draft.front.offices == ("中共东风镇委员会",)
    assert isinstance(draft.text.blocks[0], Paragraph) and draft.text.blocks[0].text == "各村要做好春节期间值班工作。"
    assert draft.text.blocks[1] == Heading(2, "（一）", "值班安排")


def test_a_table_pasted_with_tabs_and_a_gbk_text(tmp_path):
    file = tmp_path / "通知.txt"
    text = "关于值班的通知\n各村：\n值班安排如下。\n村\t值班人\n东村\t王建国\n西村\t李秀英\n中共东风镇委员会\n2026年12月6日\n"
    file.write_bytes(text.encode("gbk"))
    draft = load_draft(file)
    table = next(b for b in draft.text.blocks if not isinstance(b, Paragraph))
    assert table.rows == (("村", "值班人"), ("东村", "王建国"), ("西村", "李秀英"))
    assert any(f.what == "提示" and "GBK" in f.text for f in draft.report)


def test_an_office_line_above_the_title_and_an_addressee_list_with_a_comma():
    rec = recognise("东风镇人民政府办公室\n关于印发《开放管理办法》的通知\n各村（社区），镇直各部门：\n现将办法印发给你们。\n"
                    "东风镇人民政府办公室\n2026年12月8日\n（此件公开发布）\n", {}, text_mode=True)
    assert rec.values["title"] == "关于印发《开放管理办法》的通知"
    assert rec.values["to"] == ["各村（社区），镇直各部门"] and rec.values["note"] == "此件公开发布"


def test_a_numbered_line_with_its_text_keeps_only_the_lead_in_heiti(tmp_path):
    file = tmp_path / "通知.txt"
    file.write_text("关于开会的通知\n各村：\n一、参会人员：各村党支部书记。\n中共东风镇委员会\n2026年12月9日\n",
                    encoding="utf-8")
    (head,) = load_draft(file).text.blocks
    assert head == Heading(1, "一、", "参会人员：", "各村党支部书记。")
