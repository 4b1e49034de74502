"""The build's progress line on a terminal: villages done of the total, the time left, then what
the build does after the last village (documents, order sheet, proofs, gallery).

``村 12/390 ━━━━━━━━━━━━ 86 件 · 预计剩余 3 分钟 0:01:02`` while the villages are built; once the
last one is done the line says ``正在转换文档为 PDF（24 份）…`` and so on instead of sitting at
390/390. The build tells it the stages through its *stage* callback (:func:`paigen.build.build`).
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TimeElapsedColumn
from rich.text import Text

from paigen.i18n import N_, _

#: What the build does at each stage, as the progress line says it (``{n}``: the stage's count).
STAGES = {
    "villages": N_("reading the villages"),
    "documents": N_("converting {n} documents to PDF"),
    "order": N_("writing the print order (order.xlsx, order.pdf)"),
    "proof": N_("writing the proof sheet (proof.pdf)"),
    "gallery": N_("writing the gallery (index.html)"),
}


def stage_text(name: str, count: int | None = None) -> str:
    """The progress line's words for a stage of the build."""
    message = STAGES.get(name)
    if message is None:
        return name
    return _(message, n=count) if "{n}" in message else _(message)


def time_left(seconds: float | None) -> str:
    """``预计剩余 3 分钟`` / ``about 3 min left``; a first estimate is awaited in words."""
    if seconds is None:
        return _("estimating the time left")
    if seconds < 60:
        return _("about {seconds} s left", seconds=max(1, round(seconds)))
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("about {minutes} min left", minutes=minutes)
    return _("about {hours} h {minutes} min left", hours=minutes // 60, minutes=minutes % 60)


class StageColumn(ProgressColumn):
    """Villages done of the total and the time left, or the stage after the last village."""

    def render(self, task: Task) -> Text:
        stage = task.fields.get("stage", "villages")
        if stage != "villages":
            return Text(_("{doing} …", doing=stage_text(stage, task.fields.get("count"))))
        if task.total is None:
            return Text(_("villages {done}", done=int(task.completed)) + " · " + stage_text("villages"))
        done, total = int(task.completed), int(task.total)
        left = time_left(task.time_remaining) if done < total else ""
        text = _("villages {done}/{total}", done=done, total=total)
        artworks = task.fields.get("artworks", 0)
        parts = [text, _("{n} artworks", n=artworks) if artworks else "", left]
        return Text(" · ".join(p for p in parts if p))


class BuildProgress:
    """The progress line of ``paigen build`` (drawn only on a terminal, gone when it ends)."""

    def __init__(self, console: Console, get_time=None):
        self.console = console
        extra = {"get_time": get_time} if get_time is not None else {}
        self.bar = Progress(BarColumn(bar_width=24), StageColumn(), TimeElapsedColumn(), console=console,
                            disable=not console.is_terminal, transient=True, **extra)
        self.task = self.bar.add_task("", total=None, stage="villages", count=None, artworks=0)

    def __enter__(self) -> BuildProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)

    def stage(self, name: str, count: int | None = None) -> None:
        """The build's *stage* callback."""
        if name == "villages":
            self.bar.update(self.task, total=count, stage=name)
        else:
            self.bar.update(self.task, stage=name, count=count)

    def village(self, artworks: int) -> None:
        """One more village done, with its artworks."""
        total = self.bar.tasks[0].fields.get("artworks", 0) + artworks
        self.bar.update(self.task, advance=1, artworks=total)

    def line(self) -> str:
        """The words of the progress line as they are now (for a test or a log)."""
        return StageColumn().render(self.bar.tasks[0]).plain
