"""The web app speaks the browser's language: Chinese by default and for zh-CN, English for en-US.

The Chinese pages are scanned for English words with the catalogue test's own rule (file names,
key paths, units and program names may stay) — the problems' messages and fixes too. What the
page quotes as it is is left out of the scan: the rows of the clerk's workbook, file names, key
paths and cells.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from catalogue_rules import latin_words
from paigen.web import create_app
from test_web import broken_workbook, job_of, upload

QUOTED = {"snippet", "where", "path", "cell"}


class Visible(HTMLParser):
    """The text a reader sees, without scripts, styles and the quoted parts."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "option"})

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        hidden = tag in ("script", "style", "datalist", "title") or bool(classes & QUOTED)
        if tag not in self.VOID:
            self.stack.append(hidden or (self.stack[-1] if self.stack else False))
        for name, value in attrs:
            if name in ("placeholder", "aria-label", "alt") and value and not hidden:
                self.text.append(value)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def visible(html: str) -> str:
    parser = Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.text).split())


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(tmp_path / "data", build_jobs=1), follow_redirects=False) as c:
        yield c


def pages(client, tmp_path, headers=None) -> dict[str, str]:
    job = job_of(upload(client, ("霸州.xlsx", broken_workbook(tmp_path))))
    urls = {"home": "/", "job": f"/jobs/{job}", "edit": f"/jobs/{job}/edit/0",
            "edit-ok": f"/jobs/{job}/edit/1", "settings": f"/jobs/{job}/settings", "documents": "/documents",
            "not-found": "/jobs/" + "0" * 32, "no-page": "/nowhere"}
    return {name: client.get(url, headers=headers or {}).text for name, url in urls.items()}


def test_every_page_is_chinese_by_default(client, tmp_path):
    for name, text in pages(client, tmp_path).items():
        assert '<html lang="zh-CN">' in text, name
        words = latin_words(visible(text))
        assert not words, f"{name}: English words on the Chinese page: {words}"


def test_a_browser_asking_for_chinese_gets_chinese(client, tmp_path):
    home = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert "上传村庄信息" in home.text and home.headers["content-language"] == "zh-CN"


def test_a_browser_asking_for_english_gets_english(client, tmp_path):
    raw = pages(client, tmp_path, {"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in raw["home"]
    english = {name: html.unescape(visible(text)) for name, text in raw.items()}
    assert "Upload the villages' information" in english["home"] and "上传村庄信息" not in english["home"]
    assert "Download the example workbook" in english["home"]
    assert "villages passed the checks" in english["job"] and "Correct this village on the page" in english["job"]
    assert "Check and save" in english["edit"] and "Service centre" in english["edit"]
    assert "Townships' issuers" in english["settings"]
    assert "Write a document" in english["documents"]
    assert "There is no such job" in english["not-found"]
    # the next request without the header is Chinese again: the language is per request
    assert "上传村庄信息" in client.get("/").text


def test_an_unknown_language_falls_back_to_chinese(client):
    assert "上传村庄信息" in client.get("/", headers={"Accept-Language": "fr-FR,de;q=0.5"}).text


def test_refusals_before_the_app_speak_the_browsers_language(tmp_path):
    app = create_app(tmp_path / "data", token="s3cret-token")
    with TestClient(app) as client:
        assert "需要访问令牌" in client.get("/").text
        assert "Access token needed" in client.get("/", headers={"Accept-Language": "en"}).text
