"""The job page of a kit short of an artwork: the artwork named as not built, with the reason and
the fix in Chinese, next to its village, and the kit not counted as complete; village numbers in
a link that name no village are 404."""

from __future__ import annotations

import functools
import io
import re
import time
import zipfile

import pytest
from starlette.testclient import TestClient

import paigen.build
from hostile_util import village
from paigen.web import create_app
from paigen.web._missing import said
from test_hostile_build import ROAD, WALL
from test_web import assert_clean_4xx, job_of, upload

# No short form of this centre name fits the 100 mm road sign (see test_hostile_build).
CENTRE = "东关二街街道办事处东关二街社区居民委员会综合服务大厅"


def _road_village(centre: str) -> str:
    text = village("东关二街社区", township="城关镇", extra=f"center:\n  name: {centre}\n" + ROAD + WALL)
    return text.replace("  township:", "  type: 社区\n  township:")


@pytest.fixture
def client(tmp_path, monkeypatch):
    # The signs alone: the page under test is the same, and documents take minutes to convert.
    monkeypatch.setattr(paigen.build, "BuildOptions",
                        functools.partial(paigen.build.BuildOptions, only=("signs",)))
    with TestClient(create_app(tmp_path / "data", build_jobs=1), follow_redirects=False) as c:
        yield c


def _built(client, *files: tuple[str, bytes]) -> str:
    job = job_of(upload(client, *files))
    assert client.post(f"/jobs/{job}/build").status_code == 303
    _wait(client, job)
    return job


def _wait(client, job: str) -> None:
    deadline = time.time() + 300
    while client.get(f"/jobs/{job}/status").json()["state"] in ("queued", "running"):
        assert time.time() < deadline
        time.sleep(0.5)
    assert client.get(f"/jobs/{job}/status").json()["state"] == "done"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#34;", '"')


def test_a_missing_artwork_is_shown_in_chinese_next_to_its_village(client):
    job = _built(client, ("东关二街社区.yaml", _road_village(CENTRE).encode()),
                 ("小王庄村.yaml", village("小王庄村").encode()))
    page = client.get(f"/jobs/{job}").text
    kits = {re.search(r"<h2>(\S+)", box).group(1): box
            for box in page.split('<div class="box village-kit">')[1:]}
    assert set(kits) == {"城关镇东关二街社区", "堂二里镇小王庄村"}
    short = _text(kits["城关镇东关二街社区"])
    assert "✗ 不完整：缺 1 项" in short
    assert "未生成：指引牌" in short
    assert "原因：服务中心名称按最小字高 100 mm 分两行也排不进指引牌" in short and f"试过：{CENTRE}" in short
    assert "修改：请为指引牌和吊牌填写 village.short_name" in short and "然后重新生成" in short
    assert "未生成" not in _text(kits["堂二里镇小王庄村"])  # the other kit is complete
    state = _text(page.split('id="state"')[1].split("</p>")[0])
    assert "1 个村成品齐全" in state and "1 个村缺少成品" in state
    assert 'id="state" class="bad"' in page
    progress = page.split('id="progress"')[1].split("</table>")[0]
    assert re.search(r"城关镇东关二街社区</td>\s*<td class=\"st built incomplete\">✗ 不完整：缺 1 项成品", progress)
    assert re.search(r"堂二里镇小王庄村</td>\s*<td class=\"st built\">✓ 已生成", progress)
    # the village's zip holds what was built, and nothing named after the missing sign
    index = list(kits).index("城关镇东关二街社区")
    archive = client.get(f"/jobs/{job}/villages/{index}.zip")
    assert archive.status_code == 200
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        names = z.namelist()
    assert any(re.search(r"signs/plaque-1-[^/]*\.pdf$", n) for n in names)
    assert not any("wayfinding" in n for n in names)
    # village numbers that name no village: negative, past the end, not a number
    for n in ("-1", "-2", "2", "99", "1e0", "０", " 0"):
        assert_clean_4xx(client.get(f"/jobs/{job}/villages/{n}.zip"), 404, "没有该村的成品")
        assert_clean_4xx(client.get(f"/jobs/{job}/edit/{n}"), 404, "没有该村")
    assert client.get(f"/jobs/{job}/edit/1").status_code == 200
    # built again unchanged: skipped, and still not complete
    assert client.post(f"/jobs/{job}/build").status_code == 303
    _wait(client, job)
    page = client.get(f"/jobs/{job}").text
    assert "1 个村缺少成品" in _text(page.split('id="state"')[1].split("</p>")[0])
    assert re.search(r"城关镇东关二街社区</td>\s*<td class=\"st skipped incomplete\">✗ 不完整：缺 1 项成品", page)
    assert "未生成：指引牌" in _text(page)


@pytest.mark.parametrize("reason, words", [
    ("v.yaml: center-name: 'x' (900 mm long) does not fit an A3 sheet at any of the scales 1:50",
     "「x」太长"),
    ("v.yaml: guide: a room name does not fit the guide board at 20 mm; shorten it", "功能室名称"),
    ("v.yaml: 南立面: the wall (9000 × 4000 mm) does not fit the 420 × 297 mm sheet", "墙面（9000 × 4000 mm）"),
    ("something new went wrong", "指引牌无法排版"),
])
def test_each_layout_reason_is_said_in_chinese(reason, words):
    shown = said({"type": "wayfinding", "title": "指引牌", "reason": reason, "fix": "x"})
    assert words in shown["reason"] and shown["detail"] == reason
    assert re.search(r"[\u4e00-\u9fff]", shown["fix"]) and "重新生成" in shown["fix"]
