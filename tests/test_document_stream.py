"""The documents' PDFs converted while the county is built give the kits the final pass gives:
same files, same bytes, no document left pending, and a LibreOffice failure still reported."""

from __future__ import annotations

import json
import shutil

import pytest

import paigen.batch.documents
import paigen.build
from paigen.batch import streaming
from paigen.build import BuildOptions, build

from conftest import SAMPLES, tree_bytes


def test_streamed_documents_are_the_final_passes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    county = tmp_path / "county"
    shutil.copytree(SAMPLES, county)
    converted: list[int] = []
    real = streaming.convert_keys

    def counting(cache, sources, settings, jobs=1):
        converted.append(len(sources))
        return real(cache, sources, settings, jobs)

    # streamed, one document at a time, each into a cache of its own
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache-stream"))
    monkeypatch.setattr(streaming, "convert_keys", counting)
    monkeypatch.setattr(paigen.build, "document_stream",
                        lambda out, settings, options: streaming.DocumentStream(out, settings, chunk=1))
    streamed = build(county, tmp_path / "streamed", BuildOptions(jobs=1))
    assert converted and all(n >= 1 for n in converted)  # the stream did convert
    # all at the end
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache-end"))
    monkeypatch.setattr(paigen.build, "document_stream", lambda *a: streaming.NoStream())
    at_end = build(county, tmp_path / "at-end", BuildOptions(jobs=1))
    assert [r.status for r in streamed.villages] == [r.status for r in at_end.villages] == ["built"] * 3
    assert tree_bytes(tmp_path / "streamed") == tree_bytes(tmp_path / "at-end")
    for manifest in (tmp_path / "streamed").rglob("manifest.json"):
        data = json.loads(manifest.read_text("utf-8"))
        assert "pending" not in data
    pdfs = list((tmp_path / "streamed").rglob("docs/*.pdf"))
    assert len(pdfs) == 3 * 4
    # all at the end, in two LibreOffice processes at once
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache-two"))
    monkeypatch.setattr(paigen.batch.documents, "PER_PROCESS_MIN", 2)
    groups: list[int] = []
    real_group = paigen.batch.documents._convert_group

    def group(cache, todo, settings):
        groups.append(len(todo))
        return real_group(cache, todo, settings)

    monkeypatch.setattr(paigen.batch.documents, "_convert_group", group)
    build(county, tmp_path / "two", BuildOptions(jobs=2))
    assert len(groups) == 2 and sum(groups) >= 3
    assert tree_bytes(tmp_path / "two") == tree_bytes(tmp_path / "at-end")


def test_a_failing_conversion_in_the_stream_is_reported_by_the_final_pass(tmp_path, monkeypatch):
    from paigen.errors import PaigenError

    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache"))
    county = tmp_path / "county"
    shutil.copytree(SAMPLES, county)

    def broken(cache, sources, settings, jobs=1):
        raise PaigenError("LibreOffice could not convert (test)")

    monkeypatch.setattr(streaming, "convert_keys", broken)
    monkeypatch.setattr(paigen.build, "document_stream",
                        lambda out, settings, options: streaming.DocumentStream(out, settings, chunk=1))
    monkeypatch.setattr(paigen.batch.documents, "convert_keys", broken)
    with pytest.raises(PaigenError, match="could not convert"):
        build(county, tmp_path / "out", BuildOptions(jobs=1))
