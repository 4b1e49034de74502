"""Read a YAML file into a located :class:`Document`.

UTF-8 is expected; files saved by Windows tools as GBK/GB18030 (or UTF-16 with a BOM) are
decoded too, with a note asking to re-save as UTF-8. Duplicate keys, which YAML silently
collapses, are reported as problems.
"""

from __future__ import annotations

from pathlib import Path as FsPath

import yaml

from paigen.errors import Location, Problem, ProfileError
from paigen.sources._tree import Document, Path, digest, format_path

# libyaml's parser when PyYAML was built with it: same nodes and marks, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(raw: bytes, label: str) -> tuple[str, tuple[str, ...]]:
    """Decode profile bytes; return the text and any notes about the encoding."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(encoding)
            if encoding == "utf-8":
                return text, ()
            return text, (f"{label}: read as {encoding.upper()}; save the file as UTF-8",)
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        line = raw[: utf8_error.start].count(b"\n") + 1
        raise ProfileError(
            [
                Problem(
                    Location(label, line),
                    "",
                    "the file is neither UTF-8 nor GBK/GB18030 text",
                    "save it as UTF-8 in your editor",
                )
            ]
        ) from None
    return text, (f"{label}: read as GBK/GB18030, not UTF-8; save the file as UTF-8",)


class _Builder:
    def __init__(self, label: str):
        self.label = label
        self.locations: dict[Path, Location] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.label, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: Path) -> object:
        self.locations[path] = self.loc(node)
        if isinstance(node, yaml.MappingNode):
            self._constructor.flatten_mapping(node)
            out: dict[str, object] = {}
            for key_node, value_node in node.value:
                key = self._constructor.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                if key in out:
                    self.problems.append(
                        Problem(
                            self.loc(key_node),
                            _join(path, key),
                            f"key '{key}' appears twice in the same section",
                            "keep one of them; YAML would silently use the last",
                        )
                    )
                    continue
                child = (*path, key)
                out[key] = self.build(value_node, child)
                self.locations[child] = self.loc(key_node)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        # Dates and timestamps are YAML 1.1 surprises (and 2020-13-01 would not even construct):
        # keep what the user typed.
        if node.tag.endswith((":timestamp", ":binary")):
            return node.value
        return self._constructor.construct_object(node, deep=True)


def _join(path: Path, key: str) -> str:
    return format_path((*path, key))


def load_yaml(file: str | FsPath, label: str | None = None) -> Document:
    """Parse *file*; raise :class:`ProfileError` on syntax errors and duplicate keys."""
    file = FsPath(file)
    label = label or str(file)
    raw = file.read_bytes()
    return parse_yaml(raw, label)


def parse_yaml(raw: bytes, label: str) -> Document:
    """Parse YAML bytes named *label* into a located :class:`Document`."""
    text, notes = decode(raw, label)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(label, mark.line + 1, mark.column + 1) if mark else Location(label)
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        lines = text.splitlines()
        at = lines[mark.line][mark.column : mark.column + 1] if mark and mark.line < len(lines) else ""
        hint = "indent with spaces, not tabs" if at == "\t" else _syntax_hint(what)
        raise ProfileError([Problem(where, "", f"YAML syntax error: {what}", hint)]) from None
    builder = _Builder(label)
    data = {} if node is None else builder.build(node, ())
    if builder.problems:
        raise ProfileError(builder.problems)
    return Document(data, builder.locations, label, digest(raw), notes)


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "put a space after each ':' and quote values that contain ': '"
    if "could not find expected ':'" in what or "simple key" in what:
        return "each line needs 'key: value'; check the indentation of this and the previous line"
    if "expected ',' or ']'" in what or "expected ',' or '}'" in what:
        return "close the [ ] or { } list, and separate items with ASCII commas"
    return "check the indentation and quoting around this position"
