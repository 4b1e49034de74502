"""Which library boards an artwork prints, and whether their wording has been proofread.

An artwork's texts that come from the content library carry the field ``boards/<name>``; the
manifest entry of the artwork lists those boards with their proof status, and the order and proof
sheets show it, so a county signs off the wording before it pays for printing.
"""

from __future__ import annotations

from collections.abc import Iterable

from paigen.i18n import _, listing
from paigen.layout.scene import Artwork
from paigen.model.boards import BoardText

PREFIX = "boards/"


def board_names(art: Artwork) -> list[str]:
    """The library boards whose texts the artwork prints, in first-use order (an artwork redrawn
    on a county master carries those of its built-in design in ``meta['boards']``)."""
    if "boards" in art.meta:
        return list(art.meta["boards"])
    seen: dict[str, None] = {}
    for page in art.pages:
        for text in page.texts:
            if text.field.startswith(PREFIX):
                seen.setdefault(text.field[len(PREFIX):])
    return list(seen)


def proof_entries(art: Artwork, library: dict[str, BoardText]) -> list[dict]:
    """The manifest's ``proof`` list: one entry per library board the artwork prints."""
    out = []
    for name in board_names(art):
        board = library.get(name)
        if board is None:
            continue
        proof = board.proof
        entry = {"board": name, "status": proof.status}
        if proof.verified:
            entry |= {"date": proof.date, "against": proof.against}
        else:
            entry["check"] = proof.check
        out.append(entry)
    return out


def proof_label(entries: list[dict]) -> str:
    """One cell of the order sheet: 已核对 2026-12-01, or 待核对 with the boards still open."""
    if not entries:
        return ""
    open_ = [e["board"] for e in entries if e["status"] != "verified"]
    if open_:
        return "文字待核对：" + "、".join(open_)
    return "文字已核对 " + max(e["date"] for e in entries)


def to_proofread(artifacts: Iterable[dict]) -> list[str]:
    """Every board still to proofread among the artifacts of a build, in first-use order."""
    seen: dict[str, None] = {}
    for a in artifacts:
        for e in a.get("proof", []):
            if e["status"] != "verified":
                seen.setdefault(e["board"])
    return list(seen)


def proofread_warning(boards: list[str]) -> str:
    """The build's one warning about wording nobody has compared with its original yet."""
    return _("{n} board text(s) of the kit still to proofread before printing: {boards}. Compare each with "
             "its original (named under proof: check: in its file of the boards folder), then write "
             "`proof: {{status: verified, date: …, against: …}}` there; proof.pdf and order.xlsx show the "
             "status of each artwork", n=len(boards), boards=listing(boards))
