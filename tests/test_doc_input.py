"""`paigen doc` as a careless or hostile user feeds it: huge files, pipes, devices, long titles,
attachments outside the document's folder, a folder holding a bad file and an attachment.

The bombs run the real command in a subprocess limited to 1 GiB of address space: each must end
with a clean message naming the file, never a traceback, a hang or an out-of-memory abort.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hostile_util import files_under, run

GOOD = """\
---
offices: [中共东风镇委员会]
number: 东发〔2026〕3号
title: 关于做好值班工作的通知
to: [各村党组织]
date: 2026-12-01
{extra}---
各村要做好春节期间值班工作。
"""
GIB = 1 << 30


def refused(root: Path, *args: object, out: Path) -> str:
    """Run paigen; assert a clean refusal naming a .md file, nothing written outside *out*."""
    before = files_under(root)
    result, output = run(*args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"paigen raised {result.exception!r}:\n{output}") from result.exception
    assert result.exit_code == 1, (result.exit_code, output)
    assert "Traceback" not in output and ".md:" in output, output
    assert all(out == p or out in p.parents for p in files_under(root) - before)
    return output


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def doc_in_subprocess(*args: object, timeout: float = 60) -> subprocess.CompletedProcess:
    """`paigen doc ARGS --no-pdf` under RLIMIT_AS 1 GiB."""
    return subprocess.run([sys.executable, "-m", "paigen", "doc", *map(str, args), "--no-pdf"],
                          capture_output=True, text=True, timeout=timeout, preexec_fn=_limited)


def assert_clean(result: subprocess.CompletedProcess, *words: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "MemoryError" not in output, output
    for word in words:
        assert word in output, output


@pytest.mark.parametrize("megabytes", [20, 100])
def test_a_huge_markdown_file_is_refused_before_it_is_read(tmp_path, megabytes):
    big = tmp_path / "大.md"
    with open(big, "wb") as handle:  # real bytes, not a sparse file: one huge paragraph
        handle.write(GOOD.format(extra="").encode())
        chunk = ("各村要做好值班工作。" * 10_000).encode()
        while handle.tell() < megabytes * 1024 * 1024:
            handle.write(chunk)
    result = doc_in_subprocess(big, "-o", tmp_path / "out")
    assert_clean(result, str(big), "超过上限 8 MB", "limits.file_mb")
    assert not (tmp_path / "out").exists()


def test_a_markdown_link_to_dev_zero_is_refused_at_once(tmp_path):
    link = tmp_path / "零.md"
    link.symlink_to("/dev/zero")
    result = doc_in_subprocess(link, timeout=30)
    assert_clean(result, str(link), "不是普通文件")


def test_a_fifo_never_hangs(tmp_path):
    fifo = tmp_path / "管道.md"
    os.mkfifo(fifo)
    result = doc_in_subprocess(fifo, timeout=30)
    assert_clean(result, str(fifo), "不是普通文件")


def test_a_docx_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"<w:t>" + b"0" * (1 << 20)
            for _ in range(300):
                member.write(block)
    result = doc_in_subprocess(bomb, timeout=60)
    assert_clean(result, str(bomb), "word/document.xml")


def test_a_10000_character_title_is_a_problem_not_a_traceback(tmp_path):
    file = tmp_path / "长标题.md"
    file.write_text(GOOD.replace("关于做好值班工作的通知", "关" * 10_000).format(extra=""), encoding="utf-8")
    output = refused(tmp_path, "doc", file, "--no-pdf", out=tmp_path)
    assert "标题长 10000 字（最多 200 字）" in output
    assert not list(tmp_path.glob("*.docx"))


@pytest.mark.parametrize("where", ["/etc/passwd.md", "../../secret.md", "link.md"])
def test_attachments_stay_inside_the_documents_folder(tmp_path, where):
    folder = tmp_path / "发文"
    folder.mkdir()
    (tmp_path / "secret.md").write_text("机密\n", encoding="utf-8")
    (folder / "link.md").symlink_to("/etc/passwd")
    extra = f"attachments:\n  - {{title: 名单, file: '{where}'}}\n"
    file = folder / "通知.md"
    file.write_text(GOOD.format(extra=extra), encoding="utf-8")
    output = refused(tmp_path, "doc", file, "--no-pdf", out=folder)
    assert "attachments[0].file" in output and f"「{where}」不在 通知.md 所在的文件夹内" in output
    assert not list(folder.glob("*.docx"))


def test_an_attachment_below_the_folder_is_laid_out(tmp_path):
    (tmp_path / "附件").mkdir()
    (tmp_path / "附件" / "名单.md").write_text("| 村 | 人数 |\n| --- | --- |\n| 东村 | 3 |\n", encoding="utf-8")
    file = tmp_path / "通知.md"
    file.write_text(GOOD.format(extra="attachments:\n  - {title: 名单, file: 附件/名单.md}\n"), encoding="utf-8")
    result, output = run("doc", file, "--no-pdf")
    assert result.exit_code == 0, output
    assert (tmp_path / "通知.docx").is_file()


def test_an_unknown_key_does_not_hide_the_other_problems(tmp_path):
    file = tmp_path / "请示.md"
    file.write_text(GOOD.replace("title:", "titel:").replace("东发〔2026〕3号", "东发[2026]03号")
                    .format(extra="urgency: 急\n"), encoding="utf-8")
    output = refused(tmp_path, "doc", file, "--no-pdf", out=tmp_path)
    assert "无法识别的键「titel」" in output
    assert "「东发[2026]03号」不是规范的发文字号" in output and "请写成 东发〔2026〕3号" in output
    assert "「急」不是紧急程度" in output
    assert "3 个问题；未写入任何文件" in output


def _folder_with_a_bad_file_and_an_attachment(tmp_path) -> Path:
    folder = tmp_path / "发文"
    folder.mkdir()
    (folder / "名单.md").write_text("| 村 | 人数 |\n| --- | --- |\n| 东村 | 3 |\n", encoding="utf-8")
    (folder / "通知.md").write_text(
        GOOD.format(extra="attachments:\n  - {title: 名单, file: 名单.md}\n"), encoding="utf-8")
    (folder / "坏.md").write_text(GOOD.replace("title:", "titel:").replace("3号", "03号")
                                  .format(extra=""), encoding="utf-8")
    return folder


def test_a_folder_reports_every_problem_of_the_bad_file_and_writes_nothing(tmp_path):
    folder = _folder_with_a_bad_file_and_an_attachment(tmp_path)
    output = refused(tmp_path, "doc", folder, "--no-pdf", out=folder)
    assert "名单.md：是另一份文件的附件，已排为该文件的附件页" in output
    assert "无法识别的键「titel」" in output and "不是规范的发文字号" in output
    assert "名单.md:" not in output.replace("名单.md: an attachment", "")  # never a document of its own
    assert not list(folder.glob("*.docx"))


def test_keep_going_builds_the_rest_and_still_fails(tmp_path):
    folder = _folder_with_a_bad_file_and_an_attachment(tmp_path)
    result, output = run("doc", folder, "--no-pdf", "--keep-going")
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    assert sorted(p.name for p in folder.glob("*.docx")) == ["通知.docx"]
    assert "2 个问题；其余文件已写出 1 个" in output
    # run again: the .docx paigen wrote is not read as a draft
    result, output = run("doc", folder, "--no-pdf", "--keep-going")
    assert "通知.docx:" not in output, output


def test_a_word_draft_laid_out_next_to_itself_is_never_replaced(tmp_path):
    draft = tmp_path / "草稿.docx"
    draft.write_bytes((Path(__file__).parent / "data" / "drafts" / "04安装通知.docx").read_bytes())
    before = draft.read_bytes()
    result, output = run("doc", draft, "--no-pdf", "-q")
    assert result.exit_code == 0, output
    assert draft.read_bytes() == before and (tmp_path / "草稿-排版.docx").is_file()
    result, output = run("doc", tmp_path, "--no-pdf", "-q")  # again, on the folder: the same draft only
    assert result.exit_code == 0, output
    assert "已写入" in output and "草稿-排版-排版" not in output
