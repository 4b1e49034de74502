"""The WordprocessingML pieces the GB/T 9704 writer is made of: runs and paragraph properties.

Fonts never appear here: they live on the styles (:mod:`paigen.docs._styles`), so a run formats
directly only what varies (the mark's size and colour) and names a character style otherwise.
"""

from __future__ import annotations

from xml.sax.saxutils import escape


def _esc(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def run(text: str, char_style: str = "", size: float = 0.0, color: str = "") -> str:
    """A run. Fonts come from the paragraph style (all four rFonts slots name the official face,
    so no theme font can reach the text) or from *char_style*; a run formats directly only what
    varies (the mark's size and colour)."""
    props = f'<w:rStyle w:val="{char_style}"/>' if char_style else ""
    if color:
        props += f'<w:color w:val="{color}"/>'
    if size:
        props += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'


def line_break() -> str:
    return "<w:r><w:br/></w:r>"


def ppr(style: str, *, before: int = 0, page_break: bool = False, border: str = "", tabs: str = "",
        ind: str = "", keep_next: bool | None = None, line: int = 0, snap: bool | None = None,
        jc: str = "") -> str:
    """Paragraph properties in the order the schema requires; None leaves a value to the style."""
    parts = [f'<w:pStyle w:val="{style}"/>']
    if keep_next is not None:
        parts.append("<w:keepNext/>" if keep_next else '<w:keepNext w:val="0"/>')
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    if border:
        parts.append(f"<w:pBdr>{border}</w:pBdr>")
    if tabs:
        parts.append(f"<w:tabs>{tabs}</w:tabs>")
    if snap is not None:
        parts.append(f'<w:snapToGrid w:val="{int(snap)}"/>')
    if before or line:
        attrs = f'w:before="{before}" w:after="0"'
        if line:
            attrs += f' w:line="{line}" w:lineRule="exact"'
        parts.append(f"<w:spacing {attrs}/>")
    if ind:
        parts.append(f"<w:ind {ind}/>")
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def text_width(text: str) -> float:
    """Width of *text* in grid characters: half for ASCII, one for everything else."""
    return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in text)
