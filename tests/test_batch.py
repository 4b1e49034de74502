"""County batch: failure isolation, incremental rebuilds, order sheet, proof sheet, gallery."""

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import openpyxl
import pytest

from conftest import SAMPLES


def run_build(*args):
    return subprocess.run([sys.executable, "-m", "paigen", "build", *map(str, args)], capture_output=True,
                          text=True)


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """The sample county plus one village that fails validation and one whose plaques, centre name
    sheet and bulletin cannot be laid out (its kit is built without them)."""
    root = tmp_path_factory.mktemp("county")
    folder = root / "county"
    shutil.copytree(SAMPLES, folder)
    (folder / "坏村.yaml").write_text("village: {name: 坏村, township: 堂二里镇}\ncenter: {floors: 二}\n",
                                      encoding="utf-8")
    (folder / "长名村.yaml").write_text(
        f"village: {{name: {'很长的名字' * 12}村, township: 堂二里镇}}\n", encoding="utf-8")
    out = root / "out"
    run = run_build(folder, "-o", out, "-j", "2")
    return folder, out, run


def _long(batch: dict) -> dict:
    return next(v for v in batch["villages"] if v["label"].endswith("长名村.yaml"))


def test_one_bad_village_never_stops_the_others(county):
    _, out, run = county
    assert run.returncode == 1
    assert "已生成 4 个，失败 1 个，未变跳过 0 个" in run.stderr
    assert "1 个村的文件包缺少 2 件无法排版的作品" in run.stderr
    assert "坏村.yaml:2:10 center.floors（层数）：「二」不是数字（请改为 2）" in run.stderr
    assert "plaque-1" in run.stderr and "字高也低于最小值 100 mm" in run.stderr
    batch = json.loads((out / "manifest.json").read_text("utf-8"))
    status = {v["label"].rsplit("/", 1)[-1]: v["status"] for v in batch["villages"]}
    assert status == {"东庄村.yaml": "built", "小王庄村.yaml": "built", "康宁社区.yaml": "built",
                      "坏村.yaml": "failed", "长名村.yaml": "built"}
    long = _long(batch)
    assert [m["type"] for m in long["missing"]] == ["plaque", "center-name"]
    assert all(m["reason"] and m["fix"] for m in long["missing"])
    assert sorted(p.name for p in (out / "堂二里镇").iterdir()) == sorted(
        ["东庄村", "小王庄村", long["folder"].split("/")[1]])


def test_order_sheet_rows_and_totals(county):
    _, out, _ = county
    wb = openpyxl.load_workbook(out / "order.xlsx")
    orders = list(wb["订单"].iter_rows(values_only=True))
    header, rows = orders[0], orders[1:]
    assert header[:5] == ("乡镇", "村（社区）", "品名", "内容", "成品尺寸(mm)")
    batch = json.loads((out / "manifest.json").read_text("utf-8"))
    signs = [a for v in batch["villages"] for a in v.get("artifacts", [])
             if a["kind"] == "sign" and a["format"] == "pdf"]
    strips = 2 + 1 + 5  # one door-strip per 加挂 name (东庄村, 小王庄村, 康宁社区)
    long = [a for a in _long(batch)["artifacts"] if a["kind"] == "sign" and a["format"] == "pdf"]
    missing = [r for r in rows if r[10] == "未生成"]  # the long name's plaque and name sheet
    assert len(missing) == 2 and all(r[3].startswith("【未生成】") and r[9] == 0 for r in missing)
    rows = [r for r in rows if r not in missing]
    assert len(rows) == len(signs) == 37 + 25 + 44 - 3 - 2 - 3 + strips + len(long)  # minus A3 drawings
    plaque = next(r for r in rows if r[1] == "东庄村" and r[2] == "吊牌")
    assert plaque[4:10] == ("320×2100", 3, "烤漆铝板竖牌（白底）", plaque[7], None, 1)
    assert plaque[7].startswith("白底红字")
    assert all((out / r[10]).is_file() for r in rows)
    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert summary[0] == ("成品尺寸(mm)", "材质", "数量", "面积(m²)")
    total = summary[-1]
    assert total[0] == "合计" and total[2] == sum(r[9] for r in rows)
    expected_area = sum(float(r[4].split("×")[0]) * float(r[4].split("×")[1]) * r[9] for r in rows) / 1e6
    assert total[3] == pytest.approx(expected_area, abs=0.01)
    by_size = {(s[0], s[1]): s[2] for s in summary[1:-1]}
    boards = sum(r[9] for r in rows if r[4] == "600×800" and r[6] == "PVC板UV直喷")
    assert by_size[("600×800", "PVC板UV直喷")] == boards
    text = subprocess.run(["pdftotext", "-layout", str(out / "order.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "标识标牌印刷订单" in text and "按尺寸和材质汇总" in text and "合计" in text
    assert re.search(r"第\s*1\s*/\s*\d+\s*页", text)


def test_wording_status_of_every_board_reaches_the_county(county):
    _, out, run = county
    # One warning for the whole build, naming every board still to proofread.
    warnings = [line for line in run.stderr.splitlines() if "文字待核对" in line]
    assert len(warnings) == 1 and "三会一课制度" in warnings[0] and "主题党日" in warnings[0]
    assert "入党誓词" not in warnings[0] and "党员的义务" not in warnings[0]
    rows = list(openpyxl.load_workbook(out / "order.xlsx")["订单"].iter_rows(values_only=True))
    assert rows[0][8] == "文字校核"
    status = {(r[1], r[3]): r[8] for r in rows[1:]}
    assert status[("东庄村", "制度牌 党员的义务")] == "文字已核对 2026-12-01"
    assert status[("东庄村", "制度牌 “三会一课”制度")] == "文字待核对：三会一课制度"
    assert status[("东庄村", "服务内容牌")] == "文字待核对：六类服务内容"
    assert status[("东庄村", "吊牌 中共东庄村支部委员会")] is None  # no library text on it
    order = subprocess.run(["pdftotext", "-layout", str(out / "order.pdf"), "-"], capture_output=True,
                           text=True).stdout
    assert "文字校核" in order and "待核对" in order and "已核对" in order
    proof = subprocess.run(["pdftotext", "-layout", str(out / "proof.pdf"), "-"], capture_output=True,
                           text=True).stdout
    assert proof.count("文字待核对") >= 12 and proof.count("文字已核对 2026-12-01") == 3 + 1 + 3  # 誓词, 权利, 义务


def test_proof_sheet_shows_every_preview(county):
    _, out, _ = county
    info = subprocess.run(["pdfinfo", str(out / "proof.pdf")], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    images = subprocess.run(["pdfimages", "-list", str(out / "proof.pdf")], capture_output=True,
                            text=True).stdout.splitlines()[2:]
    batch = json.loads((out / "manifest.json").read_text("utf-8"))
    long = sum(a["kind"] == "preview" for a in _long(batch)["artifacts"])
    assert len(images) == 37 + 25 + 44 + 8 + 5 + long  # every sign, strip and drawing, the 5 walls
    assert pages == 3 + 2 + 3 + (long + 17) // 18  # 18 previews per page, each village on its own pages
    text = subprocess.run(["pdftotext", str(out / "proof.pdf"), "-"], capture_output=True, text=True).stdout
    assert "堂二里镇 东庄村" in text and "320×2100 mm" in text and "吊牌 中共东庄村支部委员会" in text


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src") and value and not value.startswith("#"):
                self.links.append(value)


def test_gallery_links_work_from_the_file_system(county):
    _, out, _ = county
    parser = _Links()
    parser.feed((out / "index.html").read_text("utf-8"))
    assert len(parser.links) > 3 * 106
    for link in parser.links:
        assert (out / link).is_file(), link
    assert "未生成" in (out / "index.html").read_text("utf-8")


def test_gallery_images_load_in_chromium(county, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "make test installs chromium"
    _, out, _ = county
    script = ("<script>window.onload=()=>{const bad=[...document.images].filter(i=>!i.complete||"
              "i.naturalWidth===0).length;document.title='images:'+document.images.length+' broken:'+bad;}"
              "</script>")
    page = out / "check.html"
    page.write_text((out / "index.html").read_text("utf-8").replace("loading=\"lazy\"", "") + script,
                    encoding="utf-8")
    dump = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--no-first-run", f"--user-data-dir={tmp_path}", "--virtual-time-budget=10000",
                           "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    page.unlink()
    match = re.search(r"<title>images:(\d+) broken:(\d+)</title>", dump)
    batch = json.loads((out / "manifest.json").read_text("utf-8"))
    long = sum(a["kind"] == "preview" for a in _long(batch)["artifacts"])
    assert match and int(match.group(1)) == 111 + 8 + long and match.group(2) == "0"  # 8 door strips


def test_rebuild_skips_unchanged_villages_and_is_byte_identical(county, tmp_path):
    folder, out, _ = county
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    before = {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    run = run_build(folder, "-o", copy, "-j", "2")
    assert "已生成 0 个，失败 1 个，未变跳过 4 个" in run.stderr
    after = {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert before == after
    forced = run_build(folder, "-o", copy, "-j", "1", "--force")
    assert "已生成 4 个，失败 1 个，未变跳过 0 个" in forced.stderr
    again = {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert [k for k in before if before[k] != again.get(k)] == []


def test_a_changed_profile_rebuilds_only_that_village(county, tmp_path):
    folder, out, _ = county
    changed = tmp_path / "county"
    shutil.copytree(folder, changed)
    profile = changed / "小王庄村.yaml"
    profile.write_text(profile.read_text("utf-8").replace("周一至周五 8:30-11:30", "周一至周六 8:30-11:30"),
                       encoding="utf-8")
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    run = run_build(changed, "-o", copy, "-j", "1")
    # the township's documents cover all of its villages: 东庄村 and the long name are rebuilt too,
    # 康宁社区 is not
    assert "已生成 3 个，失败 1 个，未变跳过 1 个" in run.stderr
    assert "✓ 堂二里镇/小王庄村" in run.stdout and "✓ 堂二里镇/东庄村" in run.stdout
    assert "· 裕华街道/康宁社区：未变，跳过" in run.stdout
    assert (copy / "裕华街道" / "康宁社区" / "manifest.json").read_bytes() == \
        (out / "裕华街道" / "康宁社区" / "manifest.json").read_bytes()
    assert (copy / "堂二里镇" / "小王庄村" / "manifest.json").read_bytes() != \
        (out / "堂二里镇" / "小王庄村" / "manifest.json").read_bytes()


def test_an_interrupted_run_leaves_nothing_corrupt_and_the_next_run_completes_it(county, tmp_path):
    folder, out, _ = county
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    # what a killed run leaves: a staging folder, a half-swapped old folder, no kit for one village
    shutil.rmtree(copy / "裕华街道" / "康宁社区")
    (copy / "裕华街道" / ".康宁社区.building-4242" / "signs").mkdir(parents=True)
    (copy / "裕华街道" / ".康宁社区.building-4242" / "signs" / "plaque-1.pdf").write_bytes(b"%PDF-1.4 trunc")
    run = run_build(folder, "-o", copy, "-j", "2")
    assert "已生成 1 个，失败 1 个，未变跳过 3 个" in run.stderr
    assert sorted(p.name for p in (copy / "裕华街道").iterdir()) == ["康宁社区"]
    fresh = {p.relative_to(out): p.read_bytes() for p in (out / "裕华街道").rglob("*") if p.is_file()}
    rebuilt = {p.relative_to(copy): p.read_bytes() for p in (copy / "裕华街道").rglob("*") if p.is_file()}
    assert fresh == rebuilt


def test_a_killed_build_process(county, tmp_path):
    """Kill a real build mid-way; every file on disk is then either absent or complete."""
    import os
    import signal
    import time

    folder, _, _ = county
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "paigen", "build", str(folder), "-o", str(out), "-j", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and not any(out.rglob("*.png")):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    kits = [p for p in out.glob("*/*") if p.is_dir() and not p.name.startswith(".")]
    for kit in kits:  # a kit folder only appears whole
        manifest = json.loads((kit / "manifest.json").read_text("utf-8"))
        assert all((kit / a["path"]).is_file() for a in manifest["artifacts"])
    assert not list(out.rglob("*.part")) or all(".building-" in str(p) for p in out.rglob("*.part"))
    run = run_build(folder, "-o", out, "-j", "2")
    counts = re.search(r"已生成 (\d) 个，失败 1 个，未变跳过 (\d) 个", run.stderr)
    assert counts and int(counts.group(1)) + int(counts.group(2)) == 4
    assert not [p for p in out.rglob(".*") if ".building-" in p.name or ".old-" in p.name]
    assert all((out / t / v / "manifest.json").is_file() for t, v in
               [("堂二里镇", "东庄村"), ("堂二里镇", "小王庄村"), ("裕华街道", "康宁社区")])


def test_batch_files_are_deterministic(county, tmp_path):
    folder, out, _ = county
    second = tmp_path / "out"
    run_build(folder, "-o", second, "-j", "1")
    for name in ("manifest.json", "order.xlsx", "order.pdf", "proof.pdf", "index.html"):
        assert (out / name).read_bytes() == (second / name).read_bytes(), name


def test_a_kit_waiting_for_its_document_pdfs_is_not_current(tmp_path):
    from paigen.build import _current_manifest

    kit = tmp_path / "kit"
    (kit / "docs").mkdir(parents=True)
    (kit / "docs" / "plan.docx").write_bytes(b"docx")
    manifest = {"parts": {"docs": "abc"}, "artifacts": [{"path": "docs/plan.docx"}]}
    (kit / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert _current_manifest(kit, {"docs": "abc"}) is not None
    assert _current_manifest(kit, {"docs": "abc", "signs": "def"}) is None  # signs never built
    manifest["pending"] = [{"path": "docs/plan.pdf", "key": "k"}]  # killed before the PDFs came
    (kit / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert _current_manifest(kit, {"docs": "abc"}) is None
    assert _current_manifest(kit, {"docs": "other"}) is None
