"""`paigen build --only signs`: the kit on disk, checked with poppler and qpdf."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from paigen._names import kit_stem

from conftest import SAMPLES

PT = 72 / 25.4
EXT_H = "\U00031350"


def run_build(*args):
    return subprocess.run([sys.executable, "-m", "paigen", "build", *map(str, args)], capture_output=True,
                          text=True)


@pytest.fixture(scope="module")
def outline_kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("outline")
    run = run_build(SAMPLES, "-o", out, "--only", "signs", "-j", "2")
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="module")
def live_kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("live")
    run = run_build(SAMPLES, "-o", out, "--text", "live", "-j", "1")
    assert run.returncode == 0, run.stderr
    return out


def village_manifests(out):
    batch = json.loads((out / "manifest.json").read_text("utf-8"))
    return {v["village"]: json.loads((out / v["manifest"]).read_text("utf-8")) | {"_dir": out / v["folder"]}
            for v in batch["villages"]}


def boxes(pdf: Path) -> dict[str, list[float]]:
    info = subprocess.run(["pdfinfo", "-box", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = {}
    for name in ("MediaBox", "CropBox", "BleedBox", "TrimBox"):
        m = re.search(rf"^{name}:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", info, re.M)
        found[name] = [float(v) / PT for v in m.groups()]
    return found


def test_kit_layout_and_manifest(outline_kit):
    kits = village_manifests(outline_kit)
    assert set(kits) == {"东庄村", "康宁社区", "小王庄村"}
    dz = kits["东庄村"]
    assert dz["_dir"] == outline_kit / "堂二里镇" / "东庄村"
    stems = {Path(a["path"]).stem: a["title"] for a in dz["artifacts"]
             if a["path"].startswith(("signs/", "drawings/"))}
    # each file is named by its artwork's ASCII name and the words of its title (board-1-入党誓词)
    names = sorted(["plaque-1", "plaque-2", "plaque-3", *[f"door-plate-{i}" for i in range(1, 8)],
                            "door-strip-1", "door-strip-2",
                            "guide", "wayfinding-1", "wayfinding-2", "window-1", "window-2", "center-name",
                            *[f"board-{i}" for i in range(1, 7)], *[f"flow-{i}" for i in range(1, 5)],
                            "duty", "services", "service-wall", "rating", "vanguard", "bulletin-1",
                            "bulletin-2", "banner-1", "banner-2", "installation-1", "installation-2"])
    assert sorted(n for n in names for stem, title in stems.items() if kit_stem(n, title) == stem) == names
    assert len(stems) == len(names) and any(s.startswith("board-1-") for s in stems)
    for artifact in dz["artifacts"]:
        path = dz["_dir"] / artifact["path"]
        assert path.is_file()
        assert artifact["sha256"] == __import__("hashlib").sha256(path.read_bytes()).hexdigest()
        if not artifact["path"].startswith(("signs/", "drawings/")):
            continue
        assert set(artifact) >= {"path", "kind", "type", "trim_mm", "bleed_mm", "pages", "sha256", "quantity",
                                 "material"}
        assert artifact["kind"] == ("preview" if path.suffix == ".png" else
                                    "drawing" if artifact["type"] in ("center-name", "installation") else "sign")
    plaque = next(a for a in dz["artifacts"] if a["path"] == f"signs/{kit_stem('plaque-1', a['title'])}.pdf")
    assert (plaque["trim_mm"], plaque["bleed_mm"], plaque["quantity"]) == ([320, 2100], 3, 1)
    assert plaque["material"] == "烤漆铝板竖牌（白底）" and plaque["note"].startswith("白底红字")
    assert dz["profile"]["file"] == "东庄村.yaml" and len(dz["profile"]["sha256"]) == 64
    assert not list(outline_kit.rglob(".*building*")) and not list(outline_kit.rglob("*.part"))


def test_kit_holds_facade_drawings_and_documents(live_kit):
    dz = village_manifests(live_kit)["东庄村"]
    by_path = {a["path"]: a for a in dz["artifacts"]}
    for wall in ("南立面", "东立面"):
        for fmt in ("pdf", "svg", "png", "dxf"):
            assert f"facade/{wall}.{fmt}" in by_path
        assert by_path[f"facade/{wall}.pdf"]["trim_mm"] == [420, 297]
    assert by_path["facade/paint.csv"]["kind"] == "takeoff"
    assert [row["wall"] for row in dz["paint"]] == ["南立面", "东立面", "合计"]
    csv = (dz["_dir"] / "facade" / "paint.csv").read_text("utf-8-sig").splitlines()
    assert csv[0] == "wall,wall_m2,openings_m2,red_m2,white_m2" and csv[-1].startswith("合计,")
    docs = sorted(p for p in by_path if p.startswith("docs/"))
    expected = ["acceptance-notice", "notice", "plan", "scoresheet"]  # no 验收报告 without a record
    titles = {p: a["title"] for p, a in by_path.items()}
    assert [p for p in docs if p.endswith(".docx")] == sorted(
        f"docs/{kit_stem(n, titles[p])}.docx" for n in expected for p in docs
        if p.endswith(".docx") and p.startswith(f"docs/{n}-"))
    assert len([p for p in docs if p.endswith(".docx")]) == len(expected)
    notice = next(p for p in docs if p.startswith("docs/notice-") and p.endswith(".pdf"))
    assert "关于" in notice  # the title a person reads
    if shutil.which("soffice") or shutil.which("libreoffice"):
        assert [p.removesuffix(".pdf") for p in docs if p.endswith(".pdf")] == [
            p.removesuffix(".docx") for p in docs if p.endswith(".docx")]
        info = subprocess.run(["pdfinfo", str(dz["_dir"] / notice)], capture_output=True,
                              text=True).stdout
        assert "CreationDate:    Wed Jan  1 00:00:00 2020 UTC" in info  # fixed, not the build's clock
        # each document's entry says which face rendered each font role
        fonts = by_path[notice]["fonts"]
        assert fonts["fangsong"]["font"] == "仿宋_GB2312" and fonts["fangsong"]["face"]
        assert fonts["title"]["font"] == "方正小标宋简体"


def test_page_boxes_match_the_manifest(outline_kit):
    for kit in village_manifests(outline_kit).values():
        for artifact in kit["artifacts"]:
            if not artifact["path"].endswith(".pdf"):
                continue
            b = boxes(kit["_dir"] / artifact["path"])
            w, h = artifact["trim_mm"]
            bleed = artifact["bleed_mm"]
            trim, bleed_box, media = b["TrimBox"], b["BleedBox"], b["MediaBox"]
            assert trim[2] - trim[0] == pytest.approx(w, abs=0.2), artifact["path"]
            assert trim[3] - trim[1] == pytest.approx(h, abs=0.2), artifact["path"]
            assert bleed_box[2] - bleed_box[0] == pytest.approx(w + 2 * bleed, abs=0.2)
            assert bleed_box[3] - bleed_box[1] == pytest.approx(h + 2 * bleed, abs=0.2)
            assert trim[0] - bleed_box[0] == pytest.approx(bleed, abs=0.05)
            assert media[0] <= bleed_box[0] and media[2] >= bleed_box[2]


def test_outline_pdfs_have_no_fonts_and_no_rgb(outline_kit):
    pdfs = sorted(p for p in outline_kit.rglob("*.pdf") if p.parent.name in ("signs", "drawings"))
    assert len(pdfs) == 37 + 44 + 25 + 8  # with the 8 door strips
    for pdf in pdfs:
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert len(fonts.strip().splitlines()) == 2, (pdf, fonts)  # the header only
        subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, check=True)
        assert_cmyk_only(pdf)


def assert_cmyk_only(pdf: Path):
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            content = b"".join(c.read_bytes() for c in _contents(page))
            assert b"DeviceRGB" not in content
            ops = {str(operator) for _, operator in pikepdf.parse_content_stream(page)}
            assert not ops & {"rg", "RG", "sc", "SC", "scn", "SCN", "g", "G", "cs", "CS"}, (pdf, ops)
            resources = page.obj.get("/Resources", {})
            assert "/XObject" not in resources or not any(
                x.get("/Subtype") == "/Image" for x in resources["/XObject"].values())


def _contents(page):
    contents = page.obj["/Contents"]
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


def test_build_is_deterministic(outline_kit, tmp_path):
    run = run_build(SAMPLES, "-o", tmp_path, "--only", "signs", "-j", "1")
    assert run.returncode == 0
    first = {p.relative_to(outline_kit): p.read_bytes() for p in outline_kit.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_live_pdfs_embed_their_fonts_and_carry_every_room_name(live_kit):
    kits = village_manifests(live_kit)
    for name, kit in kits.items():
        for pdf in sorted(kit["_dir"].rglob("*.pdf")):
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                                   check=True).stdout.splitlines()[2:]
            assert fonts, pdf
            for row in fonts:
                assert row.split()[-5] == "yes", (pdf, row)  # emb
        text = ""
        for pdf in sorted((kit["_dir"] / "signs").glob("door-*.pdf")):  # plates and their strips
            text += subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        guide = "".join(subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True).stdout
                        for p in sorted((kit["_dir"] / "signs").glob("guide*.pdf")))
        compact_plates, compact_guide = re.sub(r"\s", "", text), re.sub(r"\s", "", guide)
        from paigen.inputs import open_inputs

        profile = next(p for p in open_inputs(SAMPLES).profiles if p.name == name)
        for room in profile.center.rooms:
            for room_name in room.names:
                assert room_name in compact_plates, (name, room_name)
                assert room_name in compact_guide, (name, room_name)
        assert profile.center.name in compact_guide


def test_uncovered_character_stops_only_that_village(tmp_path):
    county = tmp_path / "county"
    shutil.copytree(SAMPLES, county)
    profile = county / "东庄村.yaml"
    text = profile.read_text("utf-8").replace("name: 村史馆", f"name: 村史{EXT_H}馆")
    profile.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if EXT_H in t)
    out = tmp_path / "out"
    run = run_build(county, "-o", out)
    assert run.returncode == 1
    assert "U+31350" in run.stderr
    assert (f"东庄村.yaml:{line}:7 center.rooms[5].name：「村史{EXT_H}馆」中的「{EXT_H}」（U+31350）"
            "不在任何已安装的") in run.stderr
    assert not (out / "堂二里镇" / "东庄村").exists()
    assert (out / "堂二里镇" / "小王庄村" / "manifest.json").is_file()
    assert (out / "裕华街道" / "康宁社区" / "manifest.json").is_file()
    batch = json.loads((out / "manifest.json").read_text("utf-8"))
    failed = [v for v in batch["villages"] if v["status"] == "failed"]
    assert len(failed) == 1 and "U+31350" in failed[0]["error"]
    assert "已生成 2 个，失败 1 个" in run.stderr


def test_names_that_would_escape_the_output_folder_are_sanitised(tmp_path):
    (tmp_path / "p.yaml").write_text("village: {name: ../../东庄村, township: 堂二里镇/..}\n", encoding="utf-8")
    out = tmp_path / "out"
    run = run_build(tmp_path / "p.yaml", "-o", out)
    assert run.returncode == 0, run.stderr
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p == tmp_path / "p.yaml" or out in p.parents for p in files)
    assert (out / "堂二里镇_" / "_.._东庄村" / "manifest.json").is_file()


def test_rebuild_replaces_the_kit_atomically(tmp_path):
    out = tmp_path / "out"
    assert run_build(SAMPLES / "小王庄村.yaml", "-o", out).returncode == 0
    stale = out / "堂二里镇" / "小王庄村" / "signs" / "stale.pdf"
    stale.write_bytes(b"old")
    assert run_build(SAMPLES / "小王庄村.yaml", "-o", out, "--force").returncode == 0
    assert not stale.exists()
    assert sorted(p.name for p in (out / "堂二里镇").iterdir()) == ["小王庄村"]


def test_live_duties_board_prints_the_official_item_8_and_its_proof_status(live_kit):
    kit = village_manifests(live_kit)["东庄村"]
    entry = next(a for a in kit["artifacts"] if a["title"] == "制度牌 党员的义务" and a["format"] == "pdf")
    text = subprocess.run(["pdftotext", str(kit["_dir"] / entry["path"]), "-"], capture_output=True,
                          text=True, check=True).stdout
    compact = re.sub(r"\s", "", text)
    assert ("发扬社会主义新风尚，带头实践社会主义核心价值观和社会主义荣辱观，提倡共产主义道德，弘扬中华民族传统美德，"
            "为了保护国家和人民的利益，在一切困难和危险的时刻挺身而出，英勇斗争，不怕牺牲。") in compact
    assert entry["proof"] == [{"board": "党员的义务", "status": "verified", "date": "2026-12-01",
                               "against": entry["proof"][0]["against"]}]
    flow = next(a for a in kit["artifacts"] if a["title"] == "流程图 发展党员工作流程" and a["format"] == "pdf")
    flow_text = re.sub(r"\s", "", subprocess.run(["pdftotext", str(kit["_dir"] / flow["path"]), "-"],
                                                 capture_output=True, text=True, check=True).stdout)
    for stage in ("入党积极分子的确定和培养教育", "预备党员的教育、考察和转正"):
        assert stage in flow_text
    assert flow["proof"][0]["status"] == "to-proofread" and flow["proof"][0]["check"]


def test_a_dask_cluster_builds_the_same_bytes_as_the_local_pool(outline_kit, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "dask"
        run = run_build(SAMPLES, "-o", out, "--only", "signs", "--executor", "dask",
                        "--scheduler", cluster.scheduler_address)
        assert run.returncode == 0, run.stderr
    files = sorted(p.relative_to(outline_kit) for p in outline_kit.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    for rel in files:
        assert (out / rel).read_bytes() == (outline_kit / rel).read_bytes(), rel


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    run = run_build(SAMPLES, "-o", tmp_path / "out", "--only", "signs", "--executor", "dask",
                    "--scheduler", "tcp://127.0.0.1:9")
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "无法连接 tcp://127.0.0.1:9 的 Dask 调度器" in run.stderr
