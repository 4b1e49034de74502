"""The document kinds of a village's kit: 印发 notice with its plan, plan, acceptance notice, report.

Each kind renders its template (``templates/docs/<kind>.j2``) and lays the structured text out
with the GB/T 9704 writer: notices with the red 版头, a sealed signature and the 版记; the plan
and the acceptance report as plain documents signed without a seal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from paigen.docs import _context as ctx
from paigen.docs._blocks import SignTable, Text
from paigen.docs._checklists import Checklist, checklist_names, evaluate, load_checklist
from paigen.docs._fonts import role_glyph_top, role_measure
from paigen.docs._meta import DocMeta, document_meta
from paigen.docs._pieces import BackMatter, Masthead, Signature
from paigen.docs._templates import render
from paigen.docs._writer import OfficialWriter
from paigen.errors import Location, Problem, ProfileError
from paigen.i18n import _, listing
from paigen.model.profile import Profile
from paigen.model.settings import SETTINGS_FILE, Settings


@dataclass(frozen=True)
class DocFile:
    """One document of a kit: ``name`` is the file stem (notice.docx), ``kind`` its kind."""

    name: str
    kind: str  # notice | plan | acceptance
    title: str
    docx: bytes
    number: str = ""  # 发文字号, for notices


def assemble(text: Text, meta: DocMeta, red: str, *, number: str = "", addressee: str = "",
             signature: Signature | None = None, back_matter: bool = False,
             issued: Text | None = None, settings: Settings | None = None,
             printed_date: str = "", names: tuple[str, ...] = ()) -> bytes:
    """Lay *text* out as one GB/T 9704 document; *issued* is the document a 印发 notice carries."""
    fonts = {"measure": role_measure(settings), "glyph_top": role_glyph_top(settings)} if settings else {}
    writer = OfficialWriter(red, title=text.title.replace("\n", ""), author=meta.office, **fonts)
    writer.keep_words = names
    if number:
        writer.masthead(Masthead(meta.mark, number))
    writer.title(text.title)
    if text.addressee or addressee:
        writer.addressee(text.addressee or addressee)
    # a sign-off table closes the document: after the signature and date it certifies
    body = list(text.blocks)
    closing = []
    while body and isinstance(body[-1], SignTable):
        closing.insert(0, body.pop())
    writer.blocks(body)
    if issued is None:
        writer.attachment_note([a.title for a in text.attachments], signed=signature is not None)
    if signature is not None:
        writer.signature(signature)
    writer.note(text.note)
    if closing:
        writer.gap(1)
        writer.blocks(closing)
    if issued is not None:
        writer.issued(issued.title, issued.blocks)
        writer.attachment_note([a.title for a in issued.attachments])
        writer.attachments(issued.attachments)
    else:
        writer.attachments(text.attachments)
    if back_matter:
        writer.back_matter(BackMatter(meta.printed_by, printed_date or meta.date_text, tuple(meta.cc)))
    return writer.to_bytes()


def county_standard(settings: Settings, profile: Profile) -> str:
    """The standard the settings are titled after, when it is the village's county's own (a
    preset of one county cited in another county's plan would be somebody else's document)."""
    title = str(settings.data.get("title", "") or "")
    county = profile.village.county or settings.county or ""
    place = county.removesuffix("市").removesuffix("县").removesuffix("区")
    return title if place and place in title else ""


def checklists_for(meta: DocMeta, settings: Settings, types: list[str]) -> dict[str, Checklist]:
    """The checklist of each organisation type; a list made for other types is an error."""
    out: dict[str, Checklist] = {}
    problems: list[Problem] = []
    where = Location(settings.file or SETTINGS_FILE)
    for kind in types:
        name = meta.checklist_for(kind)
        if not name:
            problems.append(Problem(where, f"documents.checklists.{kind}",
                                    _("no acceptance checklist for a {kind}", kind=kind),
                                    _("name one: {example} (available: {names})",
                                      example=f"documents: {{checklists: {{{kind}: …}}}}",
                                      names=listing(checklist_names(settings)))))
            continue
        checklist = load_checklist(name, settings)
        if checklist.applies_to and kind not in checklist.applies_to:
            fits = [n for n in checklist_names(settings)
                    if kind in (load_checklist(n, settings).applies_to or (kind,))]
            key = "checklist" if meta.checklists.get(kind) is None else f"checklists.{kind}"
            problems.append(Problem(where, f"documents.{key}",
                                    _("'{name}' is a list for {types}, not for a {kind}",
                                      name=checklist.name, types=listing(checklist.applies_to),
                                      kind=kind),
                                    _("name a {kind} list under documents.checklists.{kind}: "
                                      "{names}", kind=kind, names=listing(fits))))
            continue
        out[kind] = checklist
    if problems:
        raise ProfileError(problems)
    return out


def document_kit(profile: Profile, settings: Settings, township_profiles: list[Profile]) -> list[DocFile]:
    """The documents of *profile*'s kit; the plan and notices cover its whole township."""
    name = profile.village.township
    peers = [p for p in township_profiles if p.village.township == name]
    if not any(p.name == profile.name for p in peers):
        peers.append(profile)
    types = list(dict.fromkeys(p.village.type for p in peers))
    meta = document_meta(settings, name, tuple(types))
    lists = checklists_for(meta, settings, types)
    own_list = lists[profile.village.type]
    villages = {p.name: ctx.village(p, settings, evaluate(lists[p.village.type], p, settings)) for p in peers}
    record = acceptance_record(profile, own_list, settings)
    red = settings.swatch("party-red").rgb
    day = ctx.document_dates(meta.date, settings, meta.dates)
    if record:
        day["acceptance"] = record["day"]
    date = {kind: ctx.date_text(d) for kind, d in day.items()}
    numbers = {"notice": meta.number(0, day["notice"]),
               "acceptance-notice": meta.number(1, day["acceptance-notice"])}
    town = ctx.township(name, list(villages.values()), settings)
    base = {
        "meta": ctx.meta_dict(meta) | {"notice_number": numbers["notice"],
                                       "acceptance_number": numbers["acceptance-notice"]},
        "township": town,
        "village": villages[profile.name],
        "checklist": ctx.checklist_dict(own_list, profile.village.type),
        "standards": [ctx.checklist_dict(lists[t], t) for t in types],
        "phases": ctx.phases(meta.date, settings, town["word"]),
        "dates": date,
        "milestones": ctx.milestones(meta.date, settings),
        "standard": county_standard(settings, profile),
        "bands": ctx.bands_text(settings),
        "framing": ctx.framing(settings, town),
        "record": record,
    }
    plan = render("plan.j2", base, settings)
    with_plan = {**base, "plan_title": plan.title.replace("\n", "")}
    notice = render("notice.j2", with_plan, settings)
    call = render("acceptance-notice.j2", with_plan, settings)
    sheet = render("scoresheet.j2", with_plan, settings)
    common = {"settings": settings, "names": (name, *(p.name for p in peers))}
    docs = [
        DocFile("notice", "notice", notice.title.replace("\n", ""),
                assemble(notice, meta, red, number=numbers["notice"], addressee=meta.addressees,
                         signature=Signature(meta.office, date["notice"], meta.sealed("notice")),
                         back_matter=True, issued=plan, printed_date=date["notice"], **common),
                numbers["notice"]),
        DocFile("plan", "plan", plan.title.replace("\n", ""),
                assemble(plan, meta, red, signature=Signature(meta.office, date["plan"], meta.sealed("plan")),
                         **common)),
        DocFile("acceptance-notice", "notice", call.title.replace("\n", ""),
                assemble(call, meta, red, number=numbers["acceptance-notice"], addressee=meta.addressees,
                         signature=Signature(meta.office, date["acceptance-notice"],
                                             meta.sealed("acceptance-notice")),
                         back_matter=True, printed_date=date["acceptance-notice"], **common),
                numbers["acceptance-notice"]),
        DocFile("scoresheet", "acceptance", sheet.title.replace("\n", ""),
                assemble(sheet, meta, red, **common)),
    ]
    if record:
        report = render("acceptance.j2", with_plan, settings)
        group = Signature(f"{name}综合验收工作组", date["acceptance"], meta.sealed("acceptance"))
        docs.append(DocFile("acceptance", "acceptance", report.title.replace("\n", ""),
                            assemble(report, meta, red, signature=group, **common)))
    return docs


def acceptance_record(profile: Profile, checklist: Checklist,
                      settings: Settings | None = None) -> dict[str, Any] | None:
    """The profile's acceptance record against *checklist*, or None when there is none yet.

    Every item needs exactly one finding; the conclusion follows from them (one 未达标 → 不通过)."""
    record = profile.acceptance
    if record is None:
        return None
    origin = profile.origin
    problems: list[Problem] = []

    def problem(path: tuple, message: str, fix: str, in_sheet: str = "") -> None:
        where = origin.locate(path) if origin else Location(profile.name)
        fix = in_sheet if in_sheet and where.sheet is not None else fix  # the 验收 sheet's words
        problems.append(Problem(where, ".".join(map(str, path)), message, fix))

    items = {i.id: i for i in checklist.items}
    seen: dict[str, int] = {}
    for k, f in enumerate(record.findings):
        if f.item not in items:
            problem(("acceptance", "findings", k, "item"),
                    _("'{item}' is not an item of {checklist}", item=f.item, checklist=checklist.name),
                    _("items: {items}", items=listing(items)),
                    _("the column 检查项目 holds the number (序号) of an item: {items}",
                      items=listing(items)))
        elif f.item in seen:
            problem(("acceptance", "findings", k, "item"),
                    _("item {item} has two findings", item=f.item),
                    _("keep one finding per item (a number like 5.10 goes in quotes: {example})",
                      example="item: '5.10'"),
                    _("keep one row per item (a number like 5.10 in a cell formatted as text)"))
        seen.setdefault(f.item, k)
    missing = [i for i in items if i not in seen]
    if missing:
        problem(("acceptance", "findings"),
                _("no finding for items {items} of {checklist}", items=listing(missing),
                  checklist=checklist.name),
                _("record 达标 or 未达标 for every item: {example}",
                  example="- {item: " + missing[0] + ", result: 达标, found: …}"),
                _("add a row of the sheet 验收 for item {item} (检查结果 达标 or 未达标)",
                  item=missing[0]))
    if not record.members:
        problem(("acceptance", "members"), _("no member of the acceptance group"),
                _("list the group's members, the leader first"))
    if problems:
        raise ProfileError(problems)
    by_item = {f.item: f for f in record.findings}
    rows = [{"id": i.id, "name": i.name, "threshold": i.threshold_for(profile.village.type),
             "result": by_item[i.id].result, "found": by_item[i.id].found} for i in checklist.items]
    failed = [r for r in rows if r["result"] == "未达标"]
    day = dt.date.fromisoformat(record.date)
    rectify = ctx.work_day(settings, day + dt.timedelta(days=ctx.RECTIFY_DAYS))  # after the visit
    return {"day": day, "date": ctx.date_text(day), "rectify": ctx.date_text(rectify),
            "members": list(record.members),
            "leader": record.members[0], "township": record.township, "builder": record.builder,
            "materials": list(record.materials), "rows": rows, "failed": failed,
            "passed": len(rows) - len(failed), "conclusion": "不通过" if failed else "通过"}


def acceptance_problems(profile: Profile, settings: Settings) -> list[Problem]:
    """What is wrong with *profile*'s acceptance record against its checklist (for validate)."""
    if profile.acceptance is None:
        return []
    try:
        meta = document_meta(settings, profile.village.township, (profile.village.type,))
        checklist = checklists_for(meta, settings, [profile.village.type])[profile.village.type]
        acceptance_record(profile, checklist, settings)
    except ProfileError as exc:
        return list(exc.problems)
    return []
