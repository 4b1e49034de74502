"""The 乡镇发文设置 page: each township's issuer set in the browser lands in the job's paigen.yaml."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from paigen.docs._meta import document_meta
from paigen.inputs import open_inputs
from paigen.web import create_app
from test_web import form_fields, job_of, post_form, upload, zip_of

from conftest import SAMPLES


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(tmp_path / "data", build_jobs=1), follow_redirects=False) as c:
        yield c


def _county() -> bytes:
    return zip_of({p.name: p.read_bytes() for p in SAMPLES.glob("*.yaml")})


def test_the_page_lists_each_township_with_its_derived_issuer(client):
    job = job_of(upload(client, ("bazhou.zip", _county())))
    assert f'href="/jobs/{job}/settings"' in client.get(f"/jobs/{job}").text
    page = client.get(f"/jobs/{job}/settings").text
    assert "堂二里镇" in page and "裕华街道" in page and "（默认）" in page
    assert 'value="中共裕华街道工作委员会"' in page and 'value="裕发"' in page


def test_saving_writes_the_townships_issuers_and_the_documents_use_them(client):
    job = job_of(upload(client, ("bazhou.zip", _county())))
    fields = form_fields(client.get(f"/jobs/{job}/settings").text)
    row = next(name.split(".")[0] for name, value in fields if value == "中共裕华街道工作委员会")
    changed = [(n, "中共霸州市裕华街道工作委员会" if n == f"{row}.issuing_office" else
                "霸裕发" if n == f"{row}.short_name" else v) for n, v in fields]
    saved = post_form(client, f"/jobs/{job}/settings", changed)
    assert saved.status_code == 200 and 'id="saved"' in saved.text
    root = client.app.app.state.jobs.get(job).root
    settings = open_inputs(root).settings
    meta = document_meta(settings, "裕华街道")
    assert meta.office == "中共霸州市裕华街道工作委员会" and meta.number() == f"霸裕发〔{meta.year}〕1号"
    assert meta.defaults == ()
    assert document_meta(settings, "堂二里镇").office == "中共堂二里镇委员会"
    text = (root / "paigen.yaml").read_text("utf-8")
    assert "preset: bazhou-2020" in text and "霸州市委组织部" in text  # the rest is kept


def test_a_bad_code_is_refused_and_the_file_kept(client):
    job = job_of(upload(client, ("bazhou.zip", _county())))
    root = client.app.app.state.jobs.get(job).root
    before = (root / "paigen.yaml").read_bytes()
    fields = [(n, "第3发" if n.endswith("short_name") else v)
              for n, v in form_fields(client.get(f"/jobs/{job}/settings").text)]
    refused = post_form(client, f"/jobs/{job}/settings", fields)
    assert refused.status_code == 422 and "不是发文机关代字" in refused.text
    assert (root / "paigen.yaml").read_bytes() == before


MARK = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">'
        '<path d="M50 5 A45 45 0 1 1 49.9 5 Z" fill="#FFD400"/></svg>')  # a placeholder, not an emblem


def test_the_county_values_are_written_to_paigen_yaml_and_read_back(client):
    import yaml

    from paigen.model.settings import load_settings

    job = job_of(upload(client, ("bazhou.zip", _county())))
    page = client.get(f"/jobs/{job}/settings").text
    assert 'name="preset"' in page and 'value="bazhou-2020" selected' in page
    assert "霸州市村级党员群众服务中心标识标准（2020）" in page  # presets by their titles
    assert 'type="date" name="date"' in page and 'type="file" name="emblem"' in page
    fields = [(n, v) for n, v in form_fields(page) if n not in ("preset", "date", "emblem")]
    fields += [("preset", "general"), ("date", "2026-05-20")]
    saved = client.post(f"/jobs/{job}/settings", data=dict(fields),
                        files={"emblem": ("党徽.svg", MARK.encode(), "image/svg+xml")})
    assert saved.status_code == 200 and 'id="saved"' in saved.text, saved.text
    root = client.app.app.state.jobs.get(job).root
    data = yaml.safe_load((root / "paigen.yaml").read_text("utf-8"))
    assert data["preset"] == "general" and str(data["kit"]["date"]) == "2026-05-20"
    assert data["assets"]["emblem"] == "assets/emblem.svg" and (root / "assets" / "emblem.svg").read_text() == MARK
    settings = load_settings(root)
    assert str(settings.kit_date) == "2026-05-20"
    again = client.get(f"/jobs/{job}/settings").text
    assert 'value="general" selected' in again and 'value="2026-05-20"' in again and "assets/emblem.svg" in again


def test_a_bad_emblem_or_preset_is_refused_and_nothing_changes(client):
    job = job_of(upload(client, ("bazhou.zip", _county())))
    root = client.app.app.state.jobs.get(job).root
    before = (root / "paigen.yaml").read_bytes()
    fields = {n: v for n, v in form_fields(client.get(f"/jobs/{job}/settings").text) if n != "emblem"}
    refused = client.post(f"/jobs/{job}/settings", data=fields,
                          files={"emblem": ("党徽.png", b"\x89PNG", "image/png")})
    assert refused.status_code == 422 and "党徽须为官方图样的矢量文件" in refused.text
    refused = client.post(f"/jobs/{job}/settings", data={**fields, "preset": "../../etc"})
    assert refused.status_code == 422 and "没有名为「../../etc」的预设" in refused.text
    assert (root / "paigen.yaml").read_bytes() == before and not (root / "assets").exists()
