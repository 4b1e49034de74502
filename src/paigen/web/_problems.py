"""Problems and warnings as the job page shows them: each problem with its place, the field's
name as the clerk knows it and the source around it; the build's warnings, once each."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from paigen.errors import Problem


@dataclass
class ProblemView:
    """One problem as the page shows it: the CLI's words, plus the source around its place."""

    where: str
    path: str
    message: str
    fix: str
    text: str  # the whole line as the CLI prints it
    snippet: list[tuple[str, str, bool]] = field(default_factory=list)  # (number/cell, text, marked)
    label: str = ""  # the field's name as the clerk knows it (the workbook's column header)
    cell: str = ""  # sheet!cell of a workbook problem


def label_of_problem(problem: Problem) -> str:
    return str(getattr(problem, "label", "") or "")


def snippet(file: Path, line: int | None, sheet: str | None, cell: str | None, folder: Path) -> list:
    """The lines around a YAML problem, or the header and row of a workbook cell, marked."""
    if folder.resolve() not in file.resolve().parents or not file.is_file():
        return []
    if sheet is None and line:
        lines = file.read_text("utf-8", errors="replace").splitlines()
        lo, hi = max(1, line - 2), min(len(lines), line + 1)
        return [(str(n), lines[n - 1], n == line) for n in range(lo, hi + 1)]
    if sheet and cell:
        import openpyxl
        from openpyxl.utils.cell import coordinate_from_string

        column, row = coordinate_from_string(cell)
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
        try:
            ws = book[sheet]
            head = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
            values = next(ws.iter_rows(min_row=row, max_row=row, values_only=True), ())
        finally:
            book.close()
        from openpyxl.utils import get_column_letter

        out = []
        for i, title in enumerate(head, start=1):
            letter = get_column_letter(i)
            value = values[i - 1] if i - 1 < len(values) else None
            if title is None and value is None:
                continue
            shown = "" if value is None else str(value)
            out.append((f"{letter}{row} {title or ''}", shown, letter == column))
        return out
    return []


def build_warnings(job, report) -> list[str]:
    """What the build warns of, as the page shows it: the report's warnings (emblem slots,
    boards to proofread, issuers and 代字 taken by default, example rows left in) and each font
    the documents' PDFs substituted, once each."""
    seen = [*report.warnings]
    seen += [w for r in report.villages for a in r.artifacts for w in a.get("font_warnings", [])]
    return [job.shown(str(w)) for w in dict.fromkeys(seen)]
