"""The build summary's lines about a county's documents: derived issuers, missing records."""

from __future__ import annotations

from paigen.docs._meta import document_meta, issuer_note
from paigen.errors import ProfileError
from paigen.i18n import _, listing
from paigen.model.profile import Profile
from paigen.model.settings import Settings


def document_notes(settings: Settings, profiles: list[Profile]) -> list[str]:
    """One line per township whose 发文机关 or 代字 is paigen's default, and one line naming the
    villages whose 验收报告 waits for an acceptance record."""
    notes: list[str] = []
    townships: dict[str, set[str]] = {}
    for p in profiles:
        townships.setdefault(p.village.township, set()).add(p.village.type)
    for name, types in townships.items():
        try:
            note = issuer_note(document_meta(settings, name, tuple(sorted(types))))
        except ProfileError:
            continue  # the village's own build reports the bad settings
        if note:
            notes.append(note)
    if profiles and not (settings.section("climate").get("frost_months") or []):
        notes.append(_("climate.frost_months is not set: the plan's exterior painting may fall in "
                       "any month; name the months too cold to paint in paigen.yaml, e.g. {example}",
                       example="climate: {frost_months: [12, 1, 2]}"))
    waiting = [f"{p.village.township}{p.name}" for p in profiles if p.acceptance is None]
    if waiting:
        if len(waiting) > 5:
            shown = _("{names} and {more} more", names=listing(waiting[:5]), more=len(waiting) - 5)
        else:
            shown = listing(waiting)
        notes.append(_("no acceptance report (验收报告) for {villages}: there is no acceptance record "
                       "yet. After the on-site acceptance (the 验收评分表 is the form to take), add "
                       "{example} to the profile, or fill in the sheet 验收 of the county workbook "
                       "(one row per item), and build again", villages=shown,
                       example="acceptance: {date, members, findings: [{item, result: 达标/未达标, "
                               "found}], materials}"))
    return notes
