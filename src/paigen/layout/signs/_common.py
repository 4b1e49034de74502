"""What every sign type's layout function receives, and the preset lookups they share."""

from __future__ import annotations

from dataclasses import dataclass, field

from paigen.layout.scene import Artwork, Box, Item, Page
from paigen.layout.text import TextEngine
from paigen.model.profile import Profile
from paigen.model.settings import Settings

WHOLE_NAME = 8  # characters: a village, township or person name up to this length never breaks


@dataclass
class Context:
    """One village's profile, its settings and the text engine of the build."""

    profile: Profile
    settings: Settings
    engine: TextEngine
    memo: dict = field(default_factory=dict, repr=False)  # kit-wide values: a family's type size

    def __post_init__(self) -> None:
        v = self.profile.village
        people = [p.name for p in self.profile.people] + [m.name for m in self.profile.members]
        # names kept whole where lines break at words; a long one (a 兵团 company's 22
        # characters) breaks between its own words instead
        names = (v.name, v.township, v.county, *people)
        self.engine.names = tuple(dict.fromkeys(n for n in names if n and len(n) <= WHOLE_NAME))

    def spec(self, sign_type: str) -> dict:
        return self.settings.section("signs").get(sign_type, {})

    def size(self, sign_type: str) -> tuple[float, float]:
        w, h = self.spec(sign_type)["size_mm"]
        return float(w), float(h)

    def bleed(self, sign_type: str) -> float:
        spec = self.spec(sign_type)
        return float(spec.get("bleed_mm", self.settings.section("print")["bleed_mm"]))

    def safe_margin(self, width: float, height: float) -> float:
        """No text within this distance of the trim (larger on boards of 600 mm and more)."""
        p = self.settings.section("print")
        large = min(width, height) >= p["large_board_mm"]
        return float(p["safe_margin_large_mm"] if large else p["safe_margin_mm"])

    def artwork(self, sign_type: str, name: str, title: str, items: list[Item], *,
                background: str | None, size: tuple[float, float] | None = None,
                note: str = "", kind: str = "sign", bleed: float | None = None,
                quantity: int | None = None, meta: dict | None = None) -> Artwork:
        """Wrap the items of a one-page sign into an artwork with the preset's print data."""
        spec = self.spec(sign_type)
        w, h = size or self.size(sign_type)
        page = Page(w, h, self.bleed(sign_type) if bleed is None else bleed, tuple(items), background)
        return Artwork(sign_type, name, title, (page,), kind=kind,
                       quantity=int(spec.get("quantity", 1) if quantity is None else quantity),
                       material=spec.get("material", ""), note=note,
                       safe_margin=self.safe_margin(w, h), meta=dict(meta or {}))

    def where(self, name: str) -> str:
        """How a layout error names the artwork: the village and the file."""
        return f"{place_name(self.profile.village)} {name}"


def place_name(village) -> str:
    """The township and the village, the township once: 堂二里镇东庄村, but a 兵团 company whose
    name already holds its 团场 (…四十五团…第十二连) is not prefixed with it again."""
    if village.township and village.township not in village.name:
        return f"{village.township}{village.name}"
    return village.name


def trim_box(width: float, height: float) -> Box:
    return Box(0, 0, width, height)


def color_note(ground: str, text: str) -> str:
    """The print shop's shorthand: 白底红字, 红底白字, 蓝底白字..."""
    names = {"white": "白", "party-red": "红", "black": "黑", "door-blue": "蓝", "gold": "金"}
    return f"{names.get(ground, ground)}底{names.get(text, text)}字"
