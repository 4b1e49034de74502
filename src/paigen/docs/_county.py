"""A draft's issuer from the county settings: the township it names → its 发文机关, 代字, 印发机关.

A draft in a county folder (a paigen.yaml in its folder or a folder above) that leaves out its
issuing office, the 代字 of its number or its 印发机关 takes them from the settings of the
township it names — in its 署名 (中共某某镇委员会) or a ``township:`` key of its sidecar — with
the function the kit's documents use (:func:`paigen.docs._meta.document_meta`): a township's own
values from paigen.yaml or the workbook's 乡镇 sheet, else the derived defaults. Without a county
folder, or for a township the county does not know, nothing is filled in.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from paigen.docs._meta import DocMeta, default_date, document_meta
from paigen.docs._recognise import Finding
from paigen.errors import Location, Problem
from paigen.i18n import _
from paigen.model.settings import SETTINGS_FILE, Settings, load_settings

FOUND = "县级设置"  # the report's name for a value taken from the county settings
_LEVELS = 4  # folders above a draft searched for the county's paigen.yaml
_BARE_NUMBER = re.compile(r"\s*[〔\[【(（]\s*(\d{4})\s*[〕\]】)）]\s*第?\s*0*([1-9]\d*)\s*号\s*")
_DAY = re.compile(r"(\d{4})-\d{1,2}-\d{1,2}")


def county_folder(file: Path) -> Path | None:
    """The folder of the county settings that govern *file*: its own or the nearest above it
    (at most four levels) holding a paigen.yaml; None when there is none."""
    folder = file.parent.resolve()
    for candidate in [folder, *folder.parents][: _LEVELS + 1]:
        if (candidate / SETTINGS_FILE).is_file():
            return candidate
    return None


def county_settings(file: Path) -> Settings | None:
    """The county settings of *file* (with the workbook's 乡镇 sheet), or None without a county."""
    folder = county_folder(file)
    if folder is None:
        return None
    settings = load_settings(folder)
    workbooks = sorted(p for p in folder.glob("*.xlsx") if not p.name.startswith(("~$", ".")))
    if len(workbooks) == 1:
        from paigen.sources._townships import read_townships, with_townships

        rows, __ = read_townships(workbooks[0], str(workbooks[0]))  # its problems are the build's
        settings, __ = with_townships(settings, rows, str(workbooks[0]))
    return settings


def known_townships(settings: Settings) -> list[str]:
    """The townships the county names: documents.townships, then its village profiles."""
    own = (settings.section("documents") or {}).get("townships") or {}
    names = [str(k) for k in own] if isinstance(own, dict) else []
    folder = settings.base_dir
    if folder is None:
        return names
    files = sorted(f for f in folder.glob("*.yaml") if f.name != SETTINGS_FILE and not f.name.startswith("."))
    stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file())
    return names + [t for t in _profile_townships(folder, stamp) if t not in names]


@functools.lru_cache(maxsize=8)
def _profile_townships(folder: Path, stamp: tuple) -> tuple[str, ...]:
    """The townships of the village profiles in *folder* (read once per state of its files)."""
    from paigen.sources._gate import Limits
    from paigen.sources.yamlfile import load_yaml

    names: list[str] = []
    for name, __, __ in stamp:
        try:
            data = load_yaml(folder / name, limits=Limits.from_settings(None)).data
        except Exception:  # a broken profile is the build's to report, not a draft's
            continue
        village = data.get("village") if isinstance(data, dict) else None
        township = village.get("township") if isinstance(village, dict) else None
        if isinstance(township, str) and township.strip() and township.strip() not in names:
            names.append(township.strip())
    return tuple(names)


def _named(office: str, townships: list[str]) -> str:
    """The township whose name *office* holds (the longest, so 东城镇 wins over 东城)."""
    hits = [t for t in townships if t and t in office]
    return max(hits, key=len) if hits else ""


def county_values(data: dict[str, Any], township: str, serial: Any,
                  settings: Settings | None) -> list[Finding]:
    """Fill *data*'s missing offices, number 代字, mark and printer from the county settings of
    the township the draft names; the findings say what was taken and whether it is a default.
    A value the draft, its front matter or its sidecar gives is never replaced; *serial* (the
    sidecar's ``serial:``) numbers a draft without a number: 代字〔year of its date〕serial号."""
    if settings is None or settings.file is None:
        unused = "、".join(k for k, v in (("township", township), ("serial", serial)) if v not in (None, ""))
        return [Finding("提示", f"{unused} 未用：草稿所在文件夹及上级没有 paigen.yaml（县级设置），"
                              "发文机关和代字请在同名 .yaml 中写 offices 和 number")] if unused else []
    known = known_townships(settings)
    given = data.get("offices")
    offices = [given] if isinstance(given, str) and given else \
        [o for o in given if isinstance(o, str)] if isinstance(given, list) else []
    if township and township not in known:
        return [Finding("提示", f"县级设置中没有乡镇 {township}：发文机关、代字、印发机关未从县级设置取"
                              f"（在 paigen.yaml 的 documents.townships 中写上 {township}）")]
    township = township or (_named(offices[0], known) if len(offices) == 1 else "")
    if not township:
        unknown = "serial 未用：署名中没有县级设置所列的乡镇（可在同名 .yaml 中写 township）"
        return [Finding("提示", unknown)] if serial is not None else []
    meta = document_meta(settings, township)
    where = f"paigen.yaml documents.townships.{township}"
    found: list[Finding] = []

    def said(label: str, value: str, derived: bool) -> None:
        origin = f"默认值，由乡镇名称推出；如不同，在 {where} 中设定" if derived else where
        found.append(Finding(FOUND, f"{label} {value}（{origin}）"))

    if not offices and given not in (None, "", []):
        return []  # offices written wrong: the front matter's check says so
    if not offices:
        data["offices"] = [meta.office]
        found.append(Finding("署名", meta.office))
        said("发文机关", meta.office, "发文机关" in meta.defaults)
    elif offices[0] != meta.office:
        return [Finding("提示", f"署名 {offices[0]} 不是 {township} 在县级设置中的发文机关 {meta.office}："
                              "代字和印发机关未从县级设置取")]
    number = data.get("number") if isinstance(data.get("number"), str) else ""
    bare = _BARE_NUMBER.fullmatch(number) if number else None
    if bare:
        data["number"] = f"{meta.short_name}〔{bare[1]}〕{bare[2]}号"
    elif serial is not None and not number:
        day = _DAY.fullmatch(str(data.get("date") or ""))
        year = int(day[1]) if day else default_date().year
        data["number"] = f"{meta.short_name}〔{year}〕{serial}号"
    if data.get("number") and data.get("number") != number:
        found.append(Finding("发文字号", data["number"]))
        said("代字", meta.short_name, "代字" in meta.defaults)
    if data.get("number") and not data.get("mark") and meta.mark != f"{meta.office}文件":
        data["mark"] = [meta.mark]
        said("发文机关标志", meta.mark, False)
    if (data.get("number") or data.get("cc")) and not data.get("printer"):
        data["printer"] = meta.printed_by
        said("印发机关", meta.printed_by, _printer_derived(meta))
    return found


def key_problems(township, serial, label: str, locations: dict) -> list[Problem]:
    """Problems of the ``township:`` and ``serial:`` keys that ask for the county's issuer."""
    problems = []
    if township is not None and not isinstance(township, str):
        problems.append(Problem(locations.get(("township",), Location(label)), "township",
                                _("expected text, got {value}", value=repr(township)),
                                _("write the township's name, e.g. {example}",
                                  example="township: 圪堵镇")))
    if serial is not None and (isinstance(serial, bool) or not isinstance(serial, int) or serial < 1):
        problems.append(Problem(locations.get(("serial",), Location(label)), "serial",
                                _("{value} is not a document serial number", value=repr(serial)),
                                _("write a whole number ≥ 1 without quotes or zeros, e.g. {example}",
                                  example="serial: 12")))
    return problems


def _printer_derived(meta: DocMeta) -> bool:
    return meta.printed_by == f"{meta.office}办公室"


__all__ = ["FOUND", "county_folder", "county_settings", "county_values", "key_problems", "known_townships"]
