"""The workbooks a clerk can start from, offered on the home page: a blank one (the sheets and
their column headers, no village) and the example (paigen's starter: the 示例村 rows, which a
build warns of when they are left in). Both are written by paigen's own workbook writer, once
per server, under the data folder."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from paigen._io import atomic_write
from paigen.i18n import N_, _

KINDS = {"blank": N_("blank workbook"), "example": N_("example workbook")}
_LOCK = threading.Lock()


def download_name(kind: str) -> str:
    return _(KINDS[kind]) + ".xlsx"


def workbook(data: Path, kind: str) -> Path:
    """The workbook of *kind* under *data*, written on first use."""
    target = Path(data) / "workbooks" / f"{kind}.xlsx"
    with _LOCK:
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, _make(kind))
    return target


def _make(kind: str) -> bytes:
    from paigen.sources.xlsx import write_workbook
    from paigen.starter import STARTER_WORKBOOK, write_starter

    with tempfile.TemporaryDirectory(prefix="paigen-workbook-") as tmp:
        if kind == "example":
            write_starter(Path(tmp), as_workbook=True)
            return (Path(tmp) / STARTER_WORKBOOK).read_bytes()
        file = Path(tmp) / "blank.xlsx"
        write_workbook([], file)
        return file.read_bytes()
