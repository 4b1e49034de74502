"""The framing pieces of a GB/T 9704 document as data: 版头, signature, 版记.

A document form (文件 with its red 版头, 信函, 纪要, 联合行文 …) is content blocks between these
pieces; the writer lays each piece out from its record (:meth:`OfficialWriter.masthead`,
:meth:`~OfficialWriter.letterhead`, :meth:`~OfficialWriter.signature`,
:meth:`~OfficialWriter.back_matter`), so a new form supplies records, not layout code.
"""

from __future__ import annotations

from dataclasses import dataclass

from paigen.docs._signature import JointSignature, Signature, SignatureLayout, layout


@dataclass(frozen=True)
class Security:
    """份号, 密级和保密期限, 紧急程度: top left of the text block in this order (§7.2.1–7.2.3)."""

    copy_no: str = ""  # 000123
    secrecy: str = ""  # 秘密★1年
    urgency: str = ""  # 特急

    @property
    def lines(self) -> list[tuple[str, str]]:
        """(kind, text) of the lines present, top to bottom."""
        return [(k, v) for k, v in (("copy", self.copy_no), ("secrecy", self.secrecy),
                                    ("urgency", self.urgency)) if v]


@dataclass(frozen=True)
class Masthead:
    """版头 of the 文件 and 纪要 forms: the red 发文机关标志 35 mm below the text block's top, the
    发文字号 two lines below it, the red rule 4 mm below the number.

    *names* (联合行文): the offices' names stacked, with *suffix* (文件) on their right, centred
    on them; otherwise *mark* is one line. *signers* (上行文) put the number one character in
    from the left and 签发人 one character in from the right on the same line. *issuer* (纪要):
    an (office, date) line between the number and the rule.
    """

    mark: str  # 中共堂二里镇委员会文件
    number: str  # 堂发〔2026〕1号
    names: tuple[str, ...] = ()
    suffix: str = "文件"
    signers: tuple[str, ...] = ()
    security: Security = Security()
    issuer: tuple[str, ...] = ()  # 纪要: (office, date)


@dataclass(frozen=True)
class LetterHead:
    """信函格式 (§10.1): the office in red 30 mm below the page top, red double rules under it and
    20 mm above the page bottom (170 mm long), 份号 … left and the 发文字号 right under the rule."""

    office: str
    number: str
    security: Security = Security()


@dataclass(frozen=True)
class BackMatter:
    """版记: 抄送 and 印发机关/印发日期 between rules, the last rule on the last page's last line.

    A letter's 版记 (*rules* False) has no rules and no 印发 line, only 抄送 (§10.1).
    """

    printed_by: str  # 中共堂二里镇委员会办公室
    printed_date: str  # 2026年12月1日
    cc: tuple[str, ...] = ()
    rules: bool = True


__all__ = ["BackMatter", "JointSignature", "LetterHead", "Masthead", "Security", "Signature",
           "SignatureLayout", "layout"]
