"""What a build is asked to do and what came of it: the records the build, the kits and the
county files share (a module of their own, so that none of them imports the build)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from paigen.batch.parts import PARTS


@dataclass(frozen=True)
class BuildOptions:
    only: tuple[str, ...] = PARTS
    text: str = "outline"
    jobs: int = 1
    force: bool = False  # rebuild villages whose inputs did not change
    batch: bool = True  # write the order sheet, proof sheet and gallery at OUT's root
    executor: str = "local"  # local (process pool) | dask
    scheduler: str | None = None  # a Dask scheduler's address; None: a local Dask cluster

@dataclass
class VillageResult:
    """What happened to one village: built (with its artifacts) or failed (with the reason)."""

    label: str
    township: str = ""
    village: str = ""
    folder: str = ""  # relative to OUT, with forward slashes
    status: str = "failed"
    error: str = ""
    artifacts: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    paint: list[dict] = field(default_factory=list)
    # (preview path, JPEG bytes — or, in the build's process, its place in the ThumbnailSpool)
    thumbnails: list[tuple[str, Any]] = field(default_factory=list, repr=False)
    pending: list[dict] = field(default_factory=list)  # document PDFs still to convert
    missing: list[dict] = field(default_factory=list)  # artworks that could not be laid out

    @property
    def artworks(self) -> int:
        """Signs and drawings of the kit (documents are counted apart: their PDFs may come later)."""
        return sum(1 for a in self.artifacts if a["kind"] in ("sign", "drawing") and a["format"] == "pdf")

    @property
    def documents(self) -> int:
        return sum(1 for a in self.artifacts if a["kind"] == "document" and a["format"] == "docx")

@dataclass
class BuildReport:
    villages: list[VillageResult]
    seconds: float
    warnings: list[str] = field(default_factory=list)  # said once per build, not per village

    @property
    def failed(self) -> list[VillageResult]:
        return [v for v in self.villages if v.status == "failed"]

    @property
    def built(self) -> list[VillageResult]:
        return [v for v in self.villages if v.status == "built"]

    @property
    def skipped(self) -> list[VillageResult]:
        return [v for v in self.villages if v.status == "skipped"]

    @property
    def incomplete(self) -> list[VillageResult]:
        """Kits written without the artworks that could not be laid out."""
        return [v for v in self.villages if v.status != "failed" and v.missing]
