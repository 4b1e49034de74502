"""A kit built in parts, links planted in OUT, a bad Dask address, one artwork that cannot be laid
out, odd names in the gallery: the build loses nothing, writes nothing outside OUT and says what
went wrong."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import openpyxl

from hostile_util import county, files_under, refused, run, village

WALL = """\
facade:
  walls:
    - {name: 南立面, length_mm: 9000, height_mm: 4000}
"""
ROAD = """\
wayfinding:
  - {place: 村口主路, direction: 右, distance_m: 300}
"""


def _pdfs(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.pdf")}


def _kit_manifest(out: Path, township: str = "堂二里镇", name: str = "东庄村") -> dict:
    return json.loads((out / township / name / "manifest.json").read_text("utf-8"))


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_partial_build_keeps_the_parts_it_does_not_build(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村", extra=WALL)})
    out = tmp_path / "out"
    first, text = run("build", folder, "-o", out, "-j", "1")
    assert first.exit_code == 0, text
    full = _pdfs(out / "堂二里镇" / "东庄村")
    parts = {p.split("/")[0] for p in full}
    assert {"signs", "facade", "docs"} <= parts, parts

    result, text = run("build", folder, "-o", out, "-j", "1", "--only", "facade", "--force")
    assert result.exit_code == 0, text
    assert _pdfs(out / "堂二里镇" / "东庄村") == full  # nothing lost: signs and documents kept
    manifest = _kit_manifest(out)
    listed = {a["path"] for a in manifest["artifacts"] if a["format"] == "pdf"}
    assert listed == full  # the manifest lists the facade just built and the parts kept
    assert set(manifest["parts"]) == {"signs", "facade", "docs"}
    assert manifest["paint"]
    batch = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {a["path"] for a in batch["villages"][0]["artifacts"] if a["format"] == "pdf"} == {
        f"堂二里镇/东庄村/{p}" for p in full}


def test_the_artworks_count_does_not_depend_on_the_document_cache(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村", extra=WALL)})
    out = tmp_path / "out"
    cold = {"PAIGEN_CACHE_DIR": str(tmp_path / "cold-cache")}
    counts = []
    for _ in range(2):  # the documents' PDFs converted at the end, then taken from the cache
        result, text = run("build", folder, "-o", out, "-j", "1", "--force", env=cold)
        assert result.exit_code == 0, text
        counts.append(re.search(r"东庄村：(\d+) 件作品", text).group(1))
    assert counts[0] == counts[1]
    kit = _kit_manifest(out)["artifacts"]
    assert int(counts[0]) == sum(a["kind"] in ("sign", "drawing") and a["format"] == "pdf" for a in kit)


def test_parts_built_one_after_the_other_make_one_kit(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村", extra=WALL)})
    out = tmp_path / "out"
    assert run("build", folder, "-o", out, "-j", "1", "--only", "signs")[0].exit_code == 0
    signs = _pdfs(out / "堂二里镇" / "东庄村")
    assert signs and all(not p.startswith("facade/") for p in signs)
    result, text = run("build", folder, "-o", out, "-j", "1", "--only", "facade")
    assert result.exit_code == 0, text
    both = _pdfs(out / "堂二里镇" / "东庄村")
    assert signs < both and any(p.startswith("facade/") for p in both)
    assert [a for a in _kit_manifest(out)["artifacts"] if a["path"].startswith("signs/")]
    # Both parts are current now: asking for both again redraws nothing.
    result, text = run("build", folder, "-o", out, "-j", "1", "--only", "signs", "--only", "facade")
    assert result.exit_code == 0 and "未变，跳过" in text, text
    # A sign file deleted by hand: the signs are redrawn, the facade kept.
    (out / "堂二里镇" / "东庄村" / sorted(signs)[0]).unlink()
    result, text = run("build", folder, "-o", out, "-j", "1", "--only", "signs")
    assert result.exit_code == 0, text
    assert _pdfs(out / "堂二里镇" / "东庄村") == both


def test_a_kept_file_replaced_by_a_link_is_not_followed(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村", extra=WALL)})
    out = tmp_path / "out"
    assert run("build", folder, "-o", out, "-j", "1", "--only", "signs", "--only", "facade")[0].exit_code == 0
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the kit", encoding="utf-8")
    kit = out / "堂二里镇" / "东庄村"
    victim = sorted(kit.glob("signs/*.pdf"))[0]
    victim.unlink()
    victim.symlink_to(secret)
    result, text = run("build", folder, "-o", out, "-j", "1", "--only", "facade", "--force")
    assert result.exit_code == 0, text
    assert not victim.exists() and not victim.is_symlink()  # not carried into the new kit
    assert victim.relative_to(kit).as_posix() not in {a["path"] for a in _kit_manifest(out)["artifacts"]}
    assert secret.read_text("utf-8") == "not for the kit"


def _built_then_moved(tmp_path: Path, level: str) -> tuple[Path, Path, Path, Path]:
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村", extra=WALL)})
    out = tmp_path / "out"
    assert run("build", folder, "-o", out, "-j", "1", "--only", "facade")[0].exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if level == "township":
        moved, link = elsewhere / "堂二里镇", out / "堂二里镇"
        os.replace(link, moved)
        link.symlink_to(Path("..") / "elsewhere" / "堂二里镇")
    else:
        moved, link = elsewhere / "东庄村", out / "堂二里镇" / "东庄村"
        os.replace(link, moved)
        link.symlink_to(Path("..") / ".." / "elsewhere" / "东庄村")
    return folder, out, elsewhere, link


def test_a_township_folder_linked_out_of_out_is_refused(tmp_path):
    folder, out, elsewhere, link = _built_then_moved(tmp_path, "township")
    before = _snapshot(elsewhere)
    output = refused(tmp_path / "elsewhere", "build", folder, "-o", out, "-j", "1", "--only", "facade",
                     "--force", codes=(1,))
    assert f"「{link}」是一个符号链接" in output and "只在输出文件夹" in output
    assert _snapshot(elsewhere) == before  # not one file written or removed outside OUT


def test_a_village_folder_linked_out_of_out_is_refused_and_nothing_is_left(tmp_path):
    folder, out, elsewhere, link = _built_then_moved(tmp_path, "village")
    stale = out / "堂二里镇" / ".东庄村.old-123"  # what an earlier version left behind
    stale.symlink_to(Path("..") / ".." / "elsewhere" / "东庄村")
    before = _snapshot(elsewhere)
    output = refused(tmp_path / "elsewhere", "build", folder, "-o", out, "-j", "1", "--only", "facade",
                     "--force", codes=(1,))
    assert f"「{link}」是一个符号链接" in output
    assert "无法写入" not in output
    assert sorted(p.name for p in (out / "堂二里镇").iterdir()) == ["东庄村"]  # no .old- left
    assert link.is_symlink() and _snapshot(elsewhere) == before


def test_an_unreadable_dask_scheduler_address_is_a_clear_error(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村", extra=WALL)})
    out = tmp_path / "out"
    for address in ("nonsense://x", "tcp://"):
        output = refused(tmp_path, "build", folder, "-o", out, "--only", "facade", "--executor", "dask",
                         "--scheduler", address, codes=(2,))
        assert f"--scheduler 「{address}」不是 Dask 调度器地址" in output
        assert "tcp://host:8786" in output
        assert not out.exists()  # refused before anything was written


LONG_CENTRE = "东关二街街道委员会党员群众服务中心"


def _road_village(center: str, short: str = "") -> str:
    extra = f"center:\n  name: {center}\n" + ROAD + WALL
    text = village("东关二街社区", township="城关镇", extra=extra).replace("  township:", "  type: 社区\n  township:")
    return text + (f"  short_name: {short}\n" if short else "")


def test_a_long_centre_name_takes_its_short_form_on_the_road_sign(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": _road_village(LONG_CENTRE)})
    out = tmp_path / "out"
    result, text = run("build", folder, "-o", out, "-j", "1", "--only", "signs")
    assert result.exit_code == 0, text
    svg = next((out / "城关镇" / "东关二街社区" / "signs").glob("wayfinding-1-*.svg")).read_text("utf-8")
    manifest = _kit_manifest(out, "城关镇", "东关二街社区")
    assert "missing" not in manifest
    assert any(a["type"] == "wayfinding" and a["format"] == "pdf" for a in manifest["artifacts"])
    assert svg.count("<path") > 10  # the name is drawn


def test_one_artwork_that_cannot_be_laid_out_does_not_cost_the_village_its_kit(tmp_path):
    centre = "东关二街街道办事处东关二街社区居民委员会综合服务大厅"  # no short form fits 100 mm
    folder = county(tmp_path / "c", {"v.yaml": _road_village(centre),
                                     "w.yaml": village("小王庄村")})
    out = tmp_path / "out"
    result, text = run("build", folder, "-o", out, "-j", "1", "--only", "signs", "--only", "facade")
    assert result.exit_code == 1, text  # something failed
    assert "Traceback" not in text
    assert "指引牌（wayfinding）未生成：" in text and "排不进" in text
    assert "1 个村的文件包缺少 1 件" in text
    kit = out / "城关镇" / "东关二街社区"
    manifest = _kit_manifest(out, "城关镇", "东关二街社区")
    (missing,) = manifest["missing"]
    assert missing["type"] == "wayfinding" and missing["title"] == "指引牌"
    assert "排不进" in missing["reason"] and "signs.wayfinding" in missing["fix"]
    assert not list(kit.glob("signs/wayfinding*"))
    types = {a["type"] for a in manifest["artifacts"] if a["format"] == "pdf"}
    assert {"plaque", "facade"} <= types and len(types) >= 5, types  # everything else is built
    for a in manifest["artifacts"]:
        assert (kit / a["path"]).is_file()
    sheet = openpyxl.load_workbook(out / "order.xlsx")["订单"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    marked = [r for r in rows if r[0] == "城关镇" and "未生成" in str(r[3])]
    assert len(marked) == 1 and "排不进" in marked[0][7] and "修改" in marked[0][7]
    assert marked[0][9] == 0
    assert "未生成：指引牌" in (out / "index.html").read_text("utf-8")
    # order.pdf: the row grows to hold the whole note, the fix's last words included
    note = f"未生成（无法排版）：{missing['reason']}；修改：{missing['fix']}"
    assert _note_in_its_row(out / "order.pdf", "【未生成】指引牌") == re.sub(r"\s", "", note)
    # Run again unchanged: skipped, and still said.
    result, text = run("build", folder, "-o", out, "-j", "1", "--only", "signs", "--only", "facade")
    assert result.exit_code == 1 and "指引牌（wayfinding）未生成：" in text, text


def _note_in_its_row(pdf: Path, marker: str) -> str:
    """The text order.pdf shows in the 颜色/工艺 column of the row whose 内容 is *marker*, between
    that row's rules (measured on the PDF with pdfplumber), without whitespace."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            words = page.extract_words()
            row = next((w for w in words if w["text"] == marker), None)
            if row is None:
                continue
            head = {w["text"]: w for w in words if w["top"] < row["top"]}
            rules = sorted({r["top"] for r in page.rects + page.lines if r["width"] > page.width / 2})
            top = max(y for y in rules if y < row["top"])
            bottom = min(y for y in rules if y > row["bottom"])
            area = (head["颜色/工艺"]["x0"] - 2, top, head["文字校核"]["x0"] - 1, bottom)
            return re.sub(r"\s", "", page.within_bbox(area).extract_text())
    raise AssertionError(f"{marker} is not in {pdf}")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [v for k, v in attrs if k in ("href", "src") and v and not v.startswith("#")]


def test_gallery_links_reach_folders_with_hash_and_percent_signs(tmp_path):
    folder = county(tmp_path / "c", {"1.yaml": village("东#村", extra=WALL),
                                     "2.yaml": village("西村", township="'%E4镇'", extra=WALL)})
    out = tmp_path / "out"
    result, text = run("build", folder, "-o", out, "-j", "1", "--only", "facade")
    assert result.exit_code == 0, text
    parser = _Links()
    parser.feed((out / "index.html").read_text("utf-8"))
    kit_links = [link for link in parser.links if "/" in link]
    assert len(kit_links) >= 6
    for link in kit_links:
        assert "#" not in link and "%E4镇" not in link, link  # percent-encoded
        target = out / unquote(link)
        assert target.is_file(), link
    assert any("东#村" in unquote(link) for link in kit_links)
    assert any(unquote(link).startswith("%E4镇/") for link in kit_links)


def test_a_private_use_character_is_named_as_one(tmp_path):
    folder = county(tmp_path / "c", {"1.yaml": village("东\ue000庄村")})
    output = refused(tmp_path, "validate", folder)
    assert "1.yaml:3:" in output and "私用区字符 U+E000" in output and "造字" in output
    assert "invisible or control" not in output


def test_partial_build_outputs_stay_inside_out(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村", extra=WALL)})
    out = tmp_path / "out"
    before = files_under(tmp_path)
    assert run("build", folder, "-o", out, "-j", "1", "--only", "facade")[0].exit_code == 0
    assert run("build", folder, "-o", out, "-j", "1", "--only", "signs")[0].exit_code == 0
    added = files_under(tmp_path) - before
    assert all(p == out or out in p.parents for p in added)
    leftovers = [p for p in out.rglob("*") if ".building-" in p.name or ".old-" in p.name]
    assert not leftovers
