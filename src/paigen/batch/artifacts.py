"""The files of a kit as the manifest lists them: where each artwork goes, names that would
collide, the print PDF (PDF/X-1a when asked, preflighted) and each file's manifest entry."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from paigen._names import kit_stem, name_key, safe_name
from paigen.batch.wording import proof_entries
from paigen.errors import LayoutError, PaigenError
from paigen.i18n import _, quoted
from paigen.layout.scene import Artwork
from paigen.model.profile import Profile
from paigen.model.settings import Settings

if TYPE_CHECKING:
    from paigen.batch.kit import Kit

# Where each artwork type's files go inside a kit (signs/ for the rest).
SUBFOLDERS = {"installation": "drawings", "center-name": "drawings", "facade": "facade"}


def check_file_names(artworks: list[Artwork], kit: Kit) -> None:
    """Two artworks (or walls, or documents) that would share a file: an error, not a lost file."""
    seen: dict[str, str] = {}
    names = [(SUBFOLDERS.get(a.type, "signs"), a.name) for a in artworks]
    names += [("facade", w.name) for w in (kit.facade.walls if kit.facade else [])]
    names += [("docs", d.name) for d in kit.documents]
    for sub, name in dict.fromkeys(names):
        key = f"{sub}/{name_key(name)}"
        if key in seen and seen[key] != name:
            raise LayoutError(_("{one} and {other} would both be written as {file}; rename one of them",
                                one=quoted(name), other=quoted(seen[key]), file=f"{sub}/{safe_name(name)}.*"))
        seen.setdefault(key, name)

class PrintPdf:
    """Identify each sign and drawing PDF as PDF/X-1a when ``print.pdfx`` is on, and preflight it."""

    def __init__(self, settings: Settings):
        from paigen.backends.pdfx import PDFX_VERSION, output_intent, pdfx_enabled

        self.settings = settings
        self.intent = output_intent(settings) if pdfx_enabled(settings) else None
        self.pdfx = PDFX_VERSION if self.intent else ""

    def __call__(self, art: Artwork, data: bytes) -> bytes:
        if self.intent is None:
            return data
        from paigen.backends.pdfx import make_pdfx
        from paigen.preflight import preflight

        data = make_pdfx(data, self.intent, art.title, self.settings.kit_date)
        breaches = preflight(data)
        if breaches:
            file = f"{kit_stem(art.name, art.title)}.pdf"
            raise PaigenError(_("{file} fails the PDF/X-1a preflight:", file=file)
                              + "\n" + "\n".join(f"  {b}" for b in breaches))
        return data

def artifact(art: Artwork, rel: str, fmt: str, kind: str, data: bytes, library: dict,
              pdfx: str = "") -> dict:
    page = art.page
    extra = {"pdfx": pdfx} if pdfx and fmt == "pdf" else {}
    entry = {
        "path": rel,
        "kind": kind,
        "type": art.type,
        "format": fmt,
        "title": art.title,
        "trim_mm": [round(page.width, 3), round(page.height, 3)],
        "bleed_mm": page.bleed,
        "pages": len(art.pages) if fmt == "pdf" else 1,
        "sha256": hashlib.sha256(data).hexdigest(),
        "quantity": art.quantity,
        "material": art.material,
        "note": art.note,
        **extra,
    }
    proof = proof_entries(art, library)
    if proof:
        entry["proof"] = proof
    return entry

def profile_label(profile: Profile) -> str:
    if profile.origin is None:
        return ""
    where = profile.origin.locate(())
    name = Path(where.file).name
    return f"{name}:{where.sheet}!{where.cell}" if where.sheet else name
