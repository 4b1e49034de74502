"""Identify a print PDF as PDF/X-1a:2003: OutputIntent, Info keys, dates and a trailer ID.

The PDF backend already draws what PDF/X-1a asks of the content (DeviceCMYK only, no
transparency, text as outlines or embedded subsets, TrimBox and BleedBox on every page, PDF 1.4);
this adds the identification: one ``/GTS_PDFX`` OutputIntent embedding the preset's CMYK ICC
profile (the first installed one of ``print.pdfx_output_intents``), ``GTS_PDFXVersion``,
``/Trapped /False``, the kit's date as CreationDate/ModDate, and an ID derived from the content.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pikepdf

from paigen.errors import PaigenError
from paigen.i18n import _, listing
from paigen.model.settings import Settings

PDFX_VERSION = "PDF/X-1a:2003"


@dataclass(frozen=True)
class OutputIntent:
    """The printing condition a PDF/X file is made for, with its CMYK ICC profile."""

    file: Path
    condition: str
    info: str
    registry: str

    @property
    def profile(self) -> bytes:
        return _profile_bytes(str(self.file))


def pdfx_enabled(settings: Settings) -> bool:
    return bool(settings.section("print").get("pdfx"))


def output_intent(settings: Settings) -> OutputIntent:
    """The first preset output intent whose ICC profile is installed; an error naming them all."""
    entries = settings.section("print").get("pdfx_output_intents") or []
    tried = []
    for entry in entries:
        path = settings.resolve_path(str(entry["file"]))
        tried.append(str(path))
        if path.is_file():
            _check_profile(path)
            return OutputIntent(path, str(entry["condition"]), str(entry.get("info", "")),
                                str(entry.get("registry", "http://www.color.org")))
    if not tried:
        raise PaigenError(_(
            "print.pdfx is on but print.pdfx_output_intents is empty; set it in paigen.yaml to the "
            "CMYK ICC file your print shop gave you"))
    raise PaigenError(_(
        "print.pdfx is on but no CMYK output profile is installed (looked for {files}); install "
        "the {packages} package, or set print.pdfx_output_intents in paigen.yaml to the ICC file "
        "your print shop gave you", files=listing(tried), packages="scribus-data / ghostscript"))


@lru_cache(maxsize=4)
def _profile_bytes(path: str) -> bytes:
    return Path(path).read_bytes()


def _check_profile(path: Path) -> None:
    head = _profile_bytes(str(path))[:20]
    if len(head) < 20 or head[16:20] != b"CMYK":
        raise PaigenError(_("{path}: not a CMYK ICC profile (PDF/X-1a needs one); give the print "
                            "shop's CMYK profile in print.pdfx_output_intents", path=path))


def make_pdfx(data: bytes, intent: OutputIntent, title: str, when: dt.date) -> bytes:
    """Return *data* (a paigen PDF) identified as PDF/X-1a:2003 for *intent*, dated *when*."""
    stamp = pikepdf.String(f"D:{when:%Y%m%d}000000Z")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        profile = pdf.make_stream(intent.profile)
        profile["/N"] = 4
        pdf.Root["/OutputIntents"] = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name("/OutputIntent"),
            S=pikepdf.Name("/GTS_PDFX"),
            OutputConditionIdentifier=pikepdf.String(intent.condition),
            OutputCondition=pikepdf.String(intent.info),
            Info=pikepdf.String(intent.info),
            RegistryName=pikepdf.String(intent.registry),
            DestOutputProfile=profile,
        ))])
        info = pdf.docinfo
        info["/Title"] = pikepdf.String(title)
        info["/GTS_PDFXVersion"] = pikepdf.String(PDFX_VERSION)
        info["/Trapped"] = pikepdf.Name("/False")
        info["/CreationDate"] = stamp
        info["/ModDate"] = stamp
        if "/ID" in pdf.trailer:
            del pdf.trailer["/ID"]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True, force_version="1.4",
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


__all__ = ["PDFX_VERSION", "OutputIntent", "make_pdfx", "output_intent", "pdfx_enabled"]
