"""Convert .docx files to PDF with LibreOffice headless, one process for many files.

LibreOffice does not know the official face names (仿宋_GB2312 ...) on a machine without the
licensed fonts and would substitute a sans face. The soffice process therefore gets its own
fontconfig file (``FONTCONFIG_FILE``) that includes the system configuration and aliases each
official name to the family (and weight) of the font that serves its role in paigen, and its own
throw-away user profile, so it neither touches nor waits for the user's LibreOffice.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from paigen._io import source_datetime
from paigen.docs._macro import BREAKS, EVEN, MACRO_URL, install_macro
from paigen.docs._styles import ALT_NAMES, BACK_ANCHOR_ID, FONTS
from paigen.errors import PaigenError
from paigen.fonts import resolve_roles
from paigen.i18n import N_, _, listing
from paigen.model.settings import Settings

MISSING = N_("LibreOffice (soffice) is not installed: documents are written as .docx only "
             "(install libreoffice-writer-nogui for PDFs)")
TIMEOUT_S = 600
CONVERSION = 7  # part of the PDF cache key (the build hashes this file): bump when passes change
SYSTEM_CONF = "/etc/fonts/fonts.conf"
# fontconfig weight constants by OS/2 weight class
_WEIGHTS = ((850, "black"), (750, "extrabold"), (650, "bold"), (550, "demibold"), (450, "medium"))


def find_soffice() -> str | None:
    """The soffice executable, or None when LibreOffice is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _weight(weight: int) -> str:
    return next((name for floor, name in _WEIGHTS if weight >= floor), "regular")


def fontconfig_xml(settings: Settings) -> str:
    """A fontconfig file: the system configuration plus one alias per official face name.

    Each official name (and Word's substitute, 仿宋 for 仿宋_GB2312) becomes the families of its
    role's chain, first face first: LibreOffice sets the text in the first and takes a character
    the first lacks from the next (FandolFang, then Noto Serif CJK for a rare name character).
    """
    roles = resolve_roles(settings)
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>",
             f"  <!-- paigen conversion {CONVERSION}: docx to PDF in Word's typesetting -->",
             f'  <include ignore_missing="yes">{SYSTEM_CONF}</include>']
    # folders of the role fonts that fontconfig may not know (fonts.<role>.path, TeX's Fandol)
    dirs = sorted({str(Path(face.path).parent) for rf in roles.values() for face in rf.faces})
    lines += [f"  <dir>{escape(d)}</dir>" for d in dirs]
    for role, official in FONTS.items():
        if role not in roles:
            continue
        face = roles[role].primary
        chain = list(dict.fromkeys(f.family for f in roles[role].faces))
        # Word's substitutes (仿宋 for 仿宋_GB2312) too, except 宋体: that is the song role's own name
        names = [official, *([ALT_NAMES[official]] if official in ALT_NAMES and role != "title" else [])]
        families = "".join(f"<string>{escape(f)}</string>" for f in chain)
        for name in names:
            lines += [  # **bold** asks for a bold weight: the family is kept, the weight is left bold
                '  <match target="pattern">',
                f'    <test qual="any" name="family"><string>{escape(name)}</string></test>',
                '    <test name="weight" compare="more_eq"><const>bold</const></test>',
                f'    <edit name="family" mode="assign" binding="strong">{families}</edit>',
                "  </match>",
                '  <match target="pattern">',
                f'    <test qual="any" name="family"><string>{escape(name)}</string></test>',
                f'    <edit name="family" mode="assign" binding="strong">{families}</edit>',
                f'    <edit name="weight" mode="assign" binding="strong"><const>{_weight(face.weight)}'
                "</const></edit>",
                "  </match>",
            ]
    # a face with no bold of its own (FandolFang) is emboldened: the PDF strokes its outline
    lines += ['  <match target="font">',
              '    <test name="weight" compare="less"><const>bold</const></test>',
              '    <test target="pattern" name="weight" compare="more_eq"><const>bold</const></test>',
              '    <edit name="embolden" mode="assign"><bool>true</bool></edit>',
              "  </match>"]
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


CHUNK = 40  # documents per soffice process: one process for a whole county gives up after a few hundred


def _run(soffice: str, work: Path, env: dict, sources: list[Path], outdir: Path,
         even: bool) -> subprocess.CompletedProcess:
    """Convert *sources* to PDFs in *outdir* (each 版记 on an even page when *even*), CHUNK
    documents per soffice process; a document a process did not write is tried once more in a
    process of its own chunk."""
    for source in sources:  # a file left from an earlier run must not pass for this one's
        (outdir / f"{source.stem}.pdf").unlink(missing_ok=True)
    done = subprocess.CompletedProcess([soffice], 0, "", "")
    for attempt in range(2):
        todo = [s for s in sources if not (outdir / f"{s.stem}.pdf").is_file()]
        size = CHUNK if attempt == 0 else max(1, CHUNK // 8)
        for start in range(0, len(todo), size):
            done = _run_once(soffice, work, env, todo[start:start + size], outdir, even)
    return done


def _run_once(soffice: str, work: Path, env: dict, sources: list[Path], outdir: Path,
              even: bool) -> subprocess.CompletedProcess:
    """One soffice process: the macro of its profile opens, adjusts and exports each file."""
    profile = work / "profile"
    install_macro(soffice, profile, env)
    outdir.mkdir(parents=True, exist_ok=True)
    listing_file = work / "convert.txt"
    column = f"\t{EVEN}" if even else ""
    rows = (f"{s.resolve().as_uri()}\t{(outdir / f'{s.stem}.pdf').resolve().as_uri()}{column}\n"
            for s in sources)
    listing_file.write_text("".join(rows), encoding="ascii")
    env = dict(env, PAIGEN_SOFFICE_LIST=str(listing_file), PAIGEN_SOFFICE_BREAKS=str(work / BREAKS))
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck", MACRO_URL]
    try:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise PaigenError(_("LibreOffice did not finish converting {count} documents in {seconds} "
                            "s", count=len(sources), seconds=TIMEOUT_S)) from exc


def _listed(file: Path) -> set[str]:
    """The lines of *file* (none when it does not exist)."""
    try:
        return set(file.read_text(encoding="utf-8", errors="replace").split())
    except OSError:
        return set()


_UNIQUE_ID = re.compile(rb"/UniqueID (\d+)")
_EEXEC_R, _EEXEC_C1, _EEXEC_C2 = 55665, 52845, 22719


def _eexec(data: bytes, decrypt: bool) -> bytes:
    """eexec byte by byte (the reference :mod:`paigen.docs._eexec` is checked against)."""
    r, out = _EEXEC_R, bytearray()
    for byte in data:
        plain = byte ^ (r >> 8) if decrypt else None
        cipher = byte if decrypt else byte ^ (r >> 8)
        out.append(plain if decrypt else cipher)
        r = ((cipher + r) * _EEXEC_C1 + _EEXEC_C2) & 0xFFFF
    return bytes(out)


def _fixed_id(match: re.Match) -> bytes:
    return b"/UniqueID " + b"4" + b"0" * (len(match.group(1)) - 1)


def stable_font_ids(pdf: bytes) -> bytes:
    """The same PDF for the same document whichever documents shared its LibreOffice run.

    LibreOffice numbers the Type 1 fonts it makes of CFF faces (Noto CJK, FandolFang) with a
    counter that runs through the whole process (/UniqueID 4100033), in the clear part and in
    the eexec-encrypted private dictionary: the bytes then depend on the documents converted
    before. The ids are set to one value of the same length (the stream lengths stay valid) and
    the encrypted part is encrypted again, its unread tail after ``closefile`` zeroed.
    """
    import pikepdf

    from paigen.docs import _eexec as eexec

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        changed = False
        for obj in doc.objects:
            if not isinstance(obj, pikepdf.Dictionary) or "/FontFile" not in obj:
                continue
            stream = obj.FontFile
            data, clear = stream.read_bytes(), int(stream.get("/Length1", 0))
            secret = int(stream.get("/Length2", 0))
            if not clear or not secret or clear + secret > len(data):
                continue
            cipher = data[clear:clear + secret]
            plain, state = eexec.decrypt(cipher)
            end = plain.find(b"closefile")
            if end < 0:
                continue
            end += len(b"closefile")
            fixed_plain = _UNIQUE_ID.sub(_fixed_id, plain[:end]) + bytes(len(plain) - end)
            fixed = (_UNIQUE_ID.sub(_fixed_id, data[:clear])
                     + eexec.reencrypt(cipher, plain, fixed_plain, state) + data[clear + secret:])
            if fixed != data:
                stream.write(fixed)
                changed = True
        if not changed:
            return pdf
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
    return out.getvalue()


_DOCX_ANCHOR = f'<w:pStyle w:val="{BACK_ANCHOR_ID}"/>'


def even_back_matter(docx: bytes) -> bytes:
    """*docx* with a page break before its 版记, for a document LibreOffice ended on an odd page:
    the clerk who prints the .docx gets the 版记 on the even page the PDF has."""
    import zipfile

    from paigen._zip import normalise_zip

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/document.xml":
                text = body.decode("utf-8")
                if _DOCX_ANCHOR + "<w:pageBreakBefore/>" not in text:
                    text = text.replace(_DOCX_ANCHOR, _DOCX_ANCHOR + "<w:pageBreakBefore/>", 1)
                body = text.encode("utf-8")
            dst.writestr(info, body)
    return normalise_zip(out.getvalue())


def docx_to_pdf(paths: list[Path], settings: Settings, outdir: Path | None = None,
                back_matter_pass: bool = True, breaks: list[Path] | None = None) -> list[Path] | None:
    """Convert *paths* to PDF in one soffice run; PDFs go to *outdir* (default: next to each file).
    Without *back_matter_pass* (a preview of the first pages) the 版记 is not moved to an even page.

    Returns the PDF paths in the order of *paths*, or None (after a one-line notice on stderr)
    when LibreOffice is not installed. The sources whose 版记 needed a page break to land on an
    even page are added to *breaks* (:func:`even_back_matter` gives their .docx the same break).
    """
    soffice = find_soffice()
    if soffice is None:
        print(_(MISSING), file=sys.stderr)
        return None
    paths = [Path(p) for p in paths]
    if not paths:
        return []
    targets = [(Path(outdir) if outdir else p.parent) / f"{p.stem}.pdf" for p in paths]
    seen: dict[Path, Path] = {}
    for source, target in zip(paths, targets, strict=True):
        if not source.is_file():
            raise PaigenError(_("cannot convert '{file}' to PDF: the file does not exist",
                                file=source))
        if target in seen:
            raise PaigenError(_("'{first}' and '{second}' would both become '{target}'; convert "
                                "them into different folders", first=seen[target], second=source,
                                target=target))
        seen[target] = source
    with tempfile.TemporaryDirectory(prefix="paigen-soffice-") as tmp:
        work = Path(tmp)
        (work / "fonts.conf").write_text(fontconfig_xml(settings), encoding="utf-8")
        staged = []
        for i, source in enumerate(paths):
            link = work / "in" / f"{i:05d}.docx"  # unique names: two villages' notice.docx
            link.parent.mkdir(exist_ok=True)
            shutil.copyfile(source, link)
            staged.append(link)
        env = dict(os.environ, FONTCONFIG_FILE=str(work / "fonts.conf"))
        env.pop("SAL_USE_VCLPLUGIN", None)
        # the PDFs, in Word's typesetting (one load per document, by the profile's macro); a
        # document whose 版记 ended on an odd page is given a page break before it and exported
        # again, so the 版记 is on the next, even, last page (the blank space before it stays blank)
        done = _run(soffice, work, env, staged, work / "out", even=back_matter_pass)
        failed = [src for src, link in zip(paths, staged, strict=True)
                  if not (work / "out" / f"{link.stem}.pdf").is_file()]
        if breaks is not None and back_matter_pass:
            broken = _listed(work / BREAKS)
            breaks += [src for src, link in zip(paths, staged, strict=True)
                       if link.resolve().as_uri() in broken]
        if failed:
            detail = (done.stderr or done.stdout).strip().splitlines()
            if detail:
                raise PaigenError(_("LibreOffice could not convert {files}: {detail}",
                                    files=listing(failed), detail=detail[-1]))
            raise PaigenError(_("LibreOffice could not convert {files}", files=listing(failed)))
        for link, target in zip(staged, targets, strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            pdf = work / "out" / f"{link.stem}.pdf"
            pdf.write_bytes(stable_font_ids(pdf.read_bytes()))
            shutil.move(pdf, target)
    return targets


def normalise_pdf(data: bytes) -> bytes:
    """Give a PDF written by another program (LibreOffice) fixed dates and a content-derived id."""
    import pikepdf

    stamp = "D:" + source_datetime().strftime("%Y%m%d%H%M%S") + "Z"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo:
                pdf.docinfo[key] = stamp
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]  # XMP repeats the dates and adds a random document id
        for key in ("/ID", "/DocChecksum"):  # both change with the clock; the id is derived anew
            if key in pdf.trailer:
                del pdf.trailer[key]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()
