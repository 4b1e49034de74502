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
from paigen.docs._macro import MACRO_URL, WORD_PDF, install_macro
from paigen.docs._styles import ALT_NAMES, BACK_ANCHOR_ID, BACK_ANCHOR_NAME, FONTS
from paigen.errors import PaigenError
from paigen.fonts import resolve_roles
from paigen.i18n import N_, _, listing
from paigen.model.settings import Settings

MISSING = N_("LibreOffice (soffice) is not installed: documents are written as .docx only "
             "(install libreoffice-writer-nogui for PDFs)")
TIMEOUT_S = 600
CONVERSION = 6  # part of the PDF cache key (the build hashes this file): bump when passes change
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
             f"  <!-- paigen conversion {CONVERSION}: docx, flat ODF with Word's typesetting, PDF -->",
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


def _run(soffice: str, work: Path, env: dict, target: str, sources: list[Path],
         outdir: Path) -> subprocess.CompletedProcess:
    """Convert *sources* into *outdir*, CHUNK documents per soffice process; a document a process
    did not write is tried once more in a process of its own chunk."""
    ext = "." + target.split(":", 1)[0]
    for source in sources:  # a file left from an earlier pass must not pass for this one's
        (outdir / f"{source.stem}{ext}").unlink(missing_ok=True)
    done = subprocess.CompletedProcess([soffice], 0, "", "")
    for attempt in range(2):
        todo = [s for s in sources if not (outdir / f"{s.stem}{ext}").is_file()]
        size = CHUNK if attempt == 0 else max(1, CHUNK // 8)
        for start in range(0, len(todo), size):
            done = _run_once(soffice, work, env, target, todo[start:start + size], outdir)
    return done


def _run_once(soffice: str, work: Path, env: dict, target: str, sources: list[Path],
              outdir: Path) -> subprocess.CompletedProcess:
    profile = work / "profile"
    if target == WORD_PDF:  # the macro of the profile opens, adjusts and exports each file
        install_macro(soffice, profile, env)
        outdir.mkdir(parents=True, exist_ok=True)
        listing_file = work / "convert.txt"
        rows = (f"{s.resolve().as_uri()}\t{(outdir / f'{s.stem}.pdf').resolve().as_uri()}\n" for s in sources)
        listing_file.write_text("".join(rows), encoding="ascii")
        env = dict(env, PAIGEN_SOFFICE_LIST=str(listing_file))
        action = [MACRO_URL]
    else:
        action = ["--convert-to", target, "--outdir", str(outdir), *map(str, sources)]
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck", *action]
    try:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise PaigenError(_("LibreOffice did not finish converting {count} documents in {seconds} "
                            "s", count=len(sources), seconds=TIMEOUT_S)) from exc


_DEFAULT_PARAGRAPH = re.compile(
    r'(<style:default-style style:family="paragraph">\s*<style:paragraph-properties)([^>]*?)(/?>)')


def word_typesetting(fodt: str) -> str:
    """Give LibreOffice's default paragraph style what the .docx says and Word does.

    LibreOffice's docx import ignores ``w:autoSpaceDE/DN="0"`` and keeps its own defaults: a
    fifth of an em between a hanzi and a digit ("〔2026〕1 号", a date 5 mm wider than Word sets
    it) and punctuation hanging past the right edge of the text block. Both are switched off in
    the document's default paragraph style, which every style inherits.
    """
    def fix(match: re.Match) -> str:
        attrs = re.sub(r'\s(style:text-autospace|style:punctuation-wrap)="[^"]*"', "", match.group(2))
        return (f'{match.group(1)}{attrs} style:text-autospace="none" '
                f'style:punctuation-wrap="simple"{match.group(3)}')

    return _DEFAULT_PARAGRAPH.sub(fix, fodt, count=1)


_BACK_ANCHOR = f'<text:p text:style-name="{BACK_ANCHOR_NAME}">'
_EVEN_STYLE = "PaigenBackMatterEvenPage"


def _odd_back_matter(work: Path, link: Path) -> bool:
    """True when the document has a 版记 and its PDF ended on an odd page."""
    import zipfile

    import pikepdf

    with pikepdf.open(work / "out" / f"{link.stem}.pdf") as doc:
        if len(doc.pages) % 2 == 0:
            return False
    try:
        with zipfile.ZipFile(link) as docx:
            return _DOCX_ANCHOR in docx.read("word/document.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return False


def _even_break(work: Path, stem: str) -> bool:
    """Rewrite the flat document with Word's typesetting and a page break before its 版记;
    False (nothing written) when LibreOffice did not keep the 版记's paragraph style."""
    fodt = work / "flat" / f"{stem}.fodt"
    text = fodt.read_text(encoding="utf-8")
    if _BACK_ANCHOR not in text or "</office:automatic-styles>" not in text:
        return False
    style = (f'<style:style style:name="{_EVEN_STYLE}" style:family="paragraph" '
             f'style:parent-style-name="{BACK_ANCHOR_NAME}">'
             '<style:paragraph-properties fo:break-before="page"/></style:style>')
    text = word_typesetting(text).replace("</office:automatic-styles>",
                                          style + "</office:automatic-styles>", 1)
    fodt.write_text(text.replace(_BACK_ANCHOR, f'<text:p text:style-name="{_EVEN_STYLE}">', 1),
                    encoding="utf-8")
    return True


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
        # the PDFs, in Word's typesetting (one load per document, by the profile's macro)
        flat = _run(soffice, work, env, WORD_PDF, staged, work / "out")
        failed = [src for src, link in zip(paths, staged, strict=True)
                  if not (work / "out" / f"{link.stem}.pdf").is_file()]
        if not failed and back_matter_pass:
            # again, only for documents whose 版记 came out on an odd page: a page break before it
            # puts it on the next, even, last page (the blank space before it stays blank); the
            # break is set in the document as LibreOffice reads it (flat ODF)
            odd = [link for link in staged if _odd_back_matter(work, link)]
            if odd:
                flat = _run(soffice, work, env, "fodt", odd, work / "flat")
                failed = [src for src, link in zip(paths, staged, strict=True)
                          if link in odd and not (work / "flat" / f"{link.stem}.fodt").is_file()]
                odd = [link for link in odd if not failed and _even_break(work, link.stem)]
            if breaks is not None:
                breaks += [src for src, link in zip(paths, staged, strict=True) if link in odd]
            if odd and not failed:
                flat = _run(soffice, work, env, "pdf:writer_pdf_Export",
                            [work / "flat" / f"{link.stem}.fodt" for link in odd], work / "out")
                failed = [src for src, link in zip(paths, staged, strict=True)
                          if link in odd and not (work / "out" / f"{link.stem}.pdf").is_file()]
        if failed:
            detail = (flat.stderr or flat.stdout).strip().splitlines()
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
