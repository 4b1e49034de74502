"""The document kinds of a village's kit: 印发 notice with its plan, plan, acceptance notice, report.

Each kind renders its template (``templates/docs/<kind>.j2``) and lays the structured text out
with the GB/T 9704 writer: notices with the red 版头, a sealed signature and the 版记; the plan
and the acceptance report as plain documents signed without a seal.
"""

from __future__ import annotations

from dataclasses import dataclass

from paigen.docs import _context as ctx
from paigen.docs._blocks import SignTable, Text
from paigen.docs._checklists import evaluate, load_checklist
from paigen.docs._fonts import role_glyph_top, role_measure
from paigen.docs._meta import DocMeta, document_meta
from paigen.docs._pieces import BackMatter, Masthead, Signature
from paigen.docs._templates import render
from paigen.docs._writer import OfficialWriter
from paigen.model.profile import Profile
from paigen.model.settings import Settings


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
             printed_date: str = "") -> bytes:
    """Lay *text* out as one GB/T 9704 document; *issued* is the document a 印发 notice carries."""
    fonts = {"measure": role_measure(settings), "glyph_top": role_glyph_top(settings)} if settings else {}
    writer = OfficialWriter(red, title=text.title.replace("\n", ""), author=meta.office, **fonts)
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


def document_kit(profile: Profile, settings: Settings, township_profiles: list[Profile]) -> list[DocFile]:
    """The documents of *profile*'s kit; the plan and notices cover its whole township."""
    name = profile.village.township
    peers = [p for p in township_profiles if p.village.township == name]
    if not any(p.name == profile.name for p in peers):
        peers.append(profile)
    meta = document_meta(settings, name, tuple(p.village.type for p in peers))
    checklist = load_checklist(meta.checklist, settings)
    villages = {p.name: ctx.village(p, settings, evaluate(checklist, p, settings)) for p in peers}
    red = settings.swatch("party-red").rgb
    base = {
        "meta": ctx.meta_dict(meta),
        "township": ctx.township(name, list(villages.values()), settings),
        "village": villages[profile.name],
        "checklist": ctx.checklist_dict(checklist, profile.village.type),
        "phases": ctx.phases(meta.date, settings, ctx.township(name, list(villages.values()))["word"]),
        "dates": {k: ctx.date_text(v)
                  for k, v in ctx.document_dates(meta.date, settings, meta.dates).items()},
        "milestones": ctx.milestones(meta.date, settings),
        "standard": county_standard(settings, profile),
        "bands": ctx.bands_text(settings),
    }
    plan = render("plan.j2", base, settings)
    with_plan = {**base, "plan_title": plan.title.replace("\n", "")}
    notice = render("notice.j2", with_plan, settings)
    call = render("acceptance-notice.j2", with_plan, settings)
    report = render("acceptance.j2", with_plan, settings)
    date = {kind: ctx.date_text(day)
            for kind, day in ctx.document_dates(meta.date, settings, meta.dates).items()}
    group = Signature(f"{name}综合验收工作组", date["acceptance"], meta.sealed("acceptance"))
    common = {"settings": settings}
    return [
        DocFile("notice", "notice", notice.title.replace("\n", ""),
                assemble(notice, meta, red, number=meta.number(0), addressee=meta.addressees,
                         signature=Signature(meta.office, date["notice"], meta.sealed("notice")),
                         back_matter=True, issued=plan, **common), meta.number(0)),
        DocFile("plan", "plan", plan.title.replace("\n", ""),
                assemble(plan, meta, red, signature=Signature(meta.office, date["plan"], meta.sealed("plan")),
                         **common)),
        DocFile("acceptance-notice", "notice", call.title.replace("\n", ""),
                assemble(call, meta, red, number=meta.number(1), addressee=meta.addressees,
                         signature=Signature(meta.office, date["acceptance-notice"],
                                             meta.sealed("acceptance-notice")),
                         back_matter=True, printed_date=date["acceptance-notice"], **common),
                meta.number(1)),
        DocFile("acceptance", "acceptance", report.title.replace("\n", ""),
                assemble(report, meta, red, signature=group, **common)),
    ]
