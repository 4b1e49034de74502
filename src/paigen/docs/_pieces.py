"""The framing pieces of a GB/T 9704 document as data: 版头, signature, 版记.

A document form (文件 with its red 版头, 信函, 纪要, 联合行文 …) is content blocks between these
pieces; the writer lays each piece out from its record (:meth:`OfficialWriter.masthead`,
:meth:`~OfficialWriter.signature`, :meth:`~OfficialWriter.back_matter`), so a new form supplies
records, not layout code.
"""

from __future__ import annotations

from dataclasses import dataclass

from paigen.docs._signature import Signature, SignatureLayout, layout


@dataclass(frozen=True)
class Masthead:
    """版头 of the 文件 form: the red 发文机关标志, the 发文字号 two lines below, the red rule."""

    mark: str  # 中共堂二里镇委员会文件
    number: str  # 堂发〔2026〕1号


@dataclass(frozen=True)
class BackMatter:
    """版记: 抄送 and 印发机关/印发日期 between rules, the last rule on the last page's last line."""

    printed_by: str  # 中共堂二里镇委员会办公室
    printed_date: str  # 2026年12月1日
    cc: tuple[str, ...] = ()


__all__ = ["BackMatter", "Masthead", "Signature", "SignatureLayout", "layout"]
