"""Documents from Markdown: the front matter is validated like a profile, the body parsed to blocks."""

import textwrap

import pytest

from paigen.docs._blocks import Heading, Item, Paragraph, Table
from paigen.docs.markdown import load_draft, split_front_matter
from paigen.errors import ProfileError

REQUEST = """\
---
form: file
offices: [中共堂二里镇委员会, 堂二里镇人民政府]
number: 堂发〔2026〕12号
signers: [王建国]
copy_no: "000123"
secrecy: 秘密★1年
urgency: 特急
title: 关于申请拨付村级党群服务中心建设资金的请示
to: [霸州市委组织部]
attachments:
  - {title: 建设资金预算表, file: budget.md}
  - 村级党群服务中心现状照片说明
seal: true
date: 2026-12-01
note: 联系人：李秀英，电话：0316-7212345
cc: [霸州市财政局]
printer: 中共堂二里镇委员会办公室
printed: 2026-12-02
---
为进一步加强村级党群服务中心建设，现将有关事项请示如下。

# 基本情况
## 建设进度
全镇**12个村**已完成主体工程。

| 村 | 建筑面积（㎡） | 资金（万元） |
|---|---|---|
| 东庄村 | 460 | 12.5 |

- 第一项
@ 不是指令
妥否，请批示。
"""


def write(tmp_path, text, name="请示.md"):
    file = tmp_path / name
    file.write_text(textwrap.dedent(text), encoding="utf-8")
    (tmp_path / "budget.md").write_text("| 项目 | 金额 |\n|---|---|\n| 牌匾 | 3.2 |\n", encoding="utf-8")
    return file


def problems(tmp_path, text):
    with pytest.raises(ProfileError) as info:
        load_draft(write(tmp_path, text))
    return [str(p) for p in info.value.problems]


def test_a_full_front_matter_and_its_body(tmp_path):
    draft = load_draft(write(tmp_path, REQUEST))
    f = draft.front
    assert f.joint and f.upward and f.offices == ("中共堂二里镇委员会", "堂二里镇人民政府")
    assert (f.copy_no, f.secrecy, f.urgency, f.date, f.printed) == ("000123", "秘密★1年", "特急", "2026-12-01",
                                                                    "2026-12-02")
    assert [a.title for a in f.attachments] == ["建设资金预算表", "村级党群服务中心现状照片说明"]
    assert f.attachments[0].file == "budget.md" and f.attachments[1].file is None
    blocks = draft.text.blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].text.startswith("为进一步加强")
    assert blocks[1] == Heading(1, "一、", "基本情况") and blocks[2] == Heading(2, "（一）", "建设进度")
    assert blocks[3].text == "全镇12个村已完成主体工程。"
    assert blocks[3].spans == (("全镇", False), ("12个村", True), ("已完成主体工程。", False))
    assert isinstance(blocks[4], Table) and blocks[4].rows[1] == ("东庄村", "460", "12.5")
    assert blocks[5] == Item("1.", "第一项")  # under （一）
    assert blocks[6].text == "@ 不是指令妥否，请批示。"  # no directives in a Markdown body


def test_front_matter_keeps_the_file_line_numbers():
    front, body, first = split_front_matter("---\na: 1\nb: 2\n---\n正文\n")
    assert front.splitlines()[1:] == ["a: 1", "b: 2"] and body == "正文" and first == 5


@pytest.mark.parametrize(("change", "message"), [
    (("number: 堂发", "numbr: 堂发"), "请示.md:4:1 numbr：无法识别的键「numbr」（是否应为「number」？）"),
    (("堂发〔2026〕12号", "堂发[2026]12号"), ("请示.md:4:1 number", "「堂发[2026]12号」不是规范的发文字号",
                                         "请写成 堂发〔2026〕12号")),
    (("堂发〔2026〕12号", "堂发〔2026〕第012号"), ("number", "「堂发〔2026〕第012号」不是规范的发文字号",
                                            "请写成 堂发〔2026〕12号")),
    (('copy_no: "000123"', 'copy_no: "12345"'), ("请示.md:6:1 copy_no", "「12345」不是6位份号")),
    (('copy_no: "000123"', "copy_no: 000123"), ("copy_no", "83 被读成了数字",
                                                '请把6位份号加上引号，例如 copy_no: "000123"')),
    (("secrecy: 秘密★1年", "secrecy: 内部"), ("secrecy", "「内部」不是密级", "请使用绝密、机密、秘密")),
    (("urgency: 特急", "urgency: 急件"), ("urgency", "「急件」不是紧急程度", "请填写 特急、加急")),
    (("file: budget.md", "file: 预算.md"), ("attachments[0].file", "请示.md 旁边没有「预算.md」")),
    (("date: 2026-12-01", "date: 2026-13-01"), ("date", "「2026-13-01」不是日期", "请写成 2026-12-01")),
    (("printed: 2026-12-02", "printed: 2026-11-30"), ("printed", "印发日期 2026-11-30 早于成文日期")),
    (("form: file", "form: letter"), ("signers", "「letter」类公文没有签发人一栏")),
    (("form: file", "form: memo"), ("form", "「memo」不在可选值 file、letter、minutes 之中")),
])
def test_each_bad_front_matter_gets_its_message(tmp_path, change, message):
    old, new = change
    found = problems(tmp_path, REQUEST.replace(old, new))
    parts = (message,) if isinstance(message, str) else message
    assert any(all(part in p for part in parts) for p in found), found


def test_minutes_keys_belong_to_minutes(tmp_path):
    found = problems(tmp_path, REQUEST.replace("printed: 2026-12-02", "printed: 2026-12-02\nattendees: [王建国]"))
    assert any("「attendees」只用于会议纪要" in p and "请删去，或设为 `form: minutes`" in p
               for p in found), found


def test_a_file_without_front_matter_is_text_typed_as_text(tmp_path):
    draft = load_draft(write(tmp_path, "关于……的通知\n\n正文", "请示.md"))
    assert draft.front.title == "关于……的通知"
    assert [b.text for b in draft.text.blocks] == ["正文"]
    assert (draft.report[0].what, draft.report[0].text) == ("标题", "关于……的通知")


def test_a_text_without_a_title_says_so(tmp_path):
    found = problems(tmp_path, "一、工作任务\n各村要做好值班。")
    assert any("公文缺少标题" in p for p in found), found


def test_every_problem_at_once(tmp_path):
    bad = REQUEST.replace("urgency: 特急", "urgency: 急").replace("secrecy: 秘密★1年", "secrecy: 密")
    assert len(problems(tmp_path, bad)) == 2


@pytest.mark.parametrize("kind", ["通知", "请示", "报告", "函", "纪要"])
def test_every_starter_is_a_valid_document(tmp_path, kind):
    from paigen.docs.markdown import starters

    text = starters()[kind]
    draft = load_draft(write(tmp_path, text, f"{kind}.md"))
    assert draft.front.title and draft.text.blocks
    assert draft.front.form == {"函": "letter", "纪要": "minutes"}.get(kind, "file")
    assert draft.front.upward == (kind in ("请示", "报告"))
