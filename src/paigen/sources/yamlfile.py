"""Read a YAML file into a located :class:`Document`, through the loading gate.

UTF-8 is expected; files saved by Windows tools as GBK/GB18030, UTF-16 or UTF-32 (with a BOM)
and Latin-1 are decoded too, with a note asking to re-save as UTF-8; a byte that fits no
encoding is reported with its offset and line. The reader is strict: no tags (``!!python/…``,
local ``!x``), no merge keys (``<<``), no recursive aliases; values are counted (an alias each
time it is used), and nesting, list and string lengths are limited (:mod:`._gate`). Duplicate
keys, which YAML silently collapses, are reported as problems.
"""

from __future__ import annotations

from pathlib import Path as FsPath

import yaml

from paigen.errors import Location, Problem, ProfileError
from paigen.i18n import _
from paigen.sources._gate import DEFAULT, Limits, read_bytes
from paigen.sources._tree import Document, Path, digest, format_path

# libyaml's parser when PyYAML was built with it: same nodes and marks, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CORE = "tag:yaml.org,2002:"
# The tags plain YAML values resolve to; any other tag was written by hand and is refused.
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}


def _bad_byte(label: str, raw: bytes, offset: int, encoding: str, hint: str = "") -> ProfileError:
    line = raw[:offset].count(b"\n") + 1
    byte = raw[offset : offset + 1].hex().upper()
    if byte:
        what = _("byte 0x{byte} at offset {offset} is not valid {encoding} text", byte=byte,
                 offset=offset, encoding=encoding)
    else:
        what = _("the file ends at offset {offset} mid-character, so it is not valid {encoding} text",
                 offset=offset, encoding=encoding)
    return ProfileError([Problem(
        Location(label, line), "", what + hint, _("save the file as UTF-8 in your editor"))])


def decode(raw: bytes, label: str) -> tuple[str, tuple[str, ...]]:
    """Decode profile bytes; return the text and any notes about the encoding."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _bad_byte(label, raw, exc.start + len(bom), encoding.upper()) from None
            if encoding == "utf-8":
                return text, ()
            return text, (_("{file}: read as {encoding}; save the file as UTF-8", file=label,
                            encoding=encoding.upper()),)
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if b"\x00" in raw:
        raise _bad_byte(label, raw, raw.index(b"\x00"), "UTF-8",
                        _(" (a NUL byte: UTF-16 without a BOM?)"))
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        if _latin1(raw):  # Western European text from an old editor
            return raw.decode("latin-1"), (_("{file}: read as {encoding}, not UTF-8; save the file "
                                             "as UTF-8", file=label, encoding="Latin-1"),)
        raise _bad_byte(label, raw, utf8_error.start, "UTF-8, GBK/GB18030 or Latin-1") from None
    return text, (_("{file}: read as {encoding}, not UTF-8; save the file as UTF-8", file=label,
                    encoding="GBK/GB18030"),)


def _latin1(raw: bytes) -> bool:
    """Latin-1 text: its non-ASCII bytes are accented letters standing alone between ASCII."""
    high = [i for i, b in enumerate(raw) if b >= 0x80]
    return bool(high) and all(
        raw[i] >= 0xC0 and raw[i] not in (0xD7, 0xF7)
        and (i == 0 or raw[i - 1] < 0x80) and (i + 1 == len(raw) or raw[i + 1] < 0x80)
        for i in high)


class _Builder:
    def __init__(self, label: str, limits: Limits):
        self.label = label
        self.limits = limits
        self.locations: dict[Path, Location] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")
        self._nodes = 0
        self._open: set[int] = set()  # the nodes being built: an alias to one is a loop

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.label, node.start_mark.line + 1, node.start_mark.column + 1)

    def refuse(self, node: yaml.Node, path: Path, message: str, fix: str) -> ProfileError:
        return ProfileError([*self.problems, Problem(self.loc(node), format_path(path), message, fix)])

    def build(self, node: yaml.Node, path: Path) -> object:
        self._nodes += 1
        if self._nodes > self.limits.yaml_nodes:
            raise self.refuse(node, path, _("the file holds more than {n} values (aliases counted "
                                            "each time they are used)", n=self.limits.yaml_nodes),
                              _("write the values out; a profile needs no anchors or aliases"))
        if len(path) > self.limits.depth:
            raise self.refuse(node, path, _("sections are nested more than {n} deep", n=self.limits.depth),
                              _("check the indentation"))
        if id(node) in self._open:
            raise self.refuse(node, path, _("an alias refers to the section that contains it"),
                              _("write the values out instead of the alias"))
        if node.tag not in _ALLOWED_TAGS:
            raise self.refuse(node, path, _("the tag '{tag}' is not allowed",
                                            tag=node.tag.replace(_CORE, "!!")),
                              _("remove the tag: profiles hold plain text, numbers, lists and sections"))
        self.locations[path] = self.loc(node)
        if isinstance(node, yaml.MappingNode):
            self._open.add(id(node))
            try:
                return self._mapping(node, path)
            finally:
                self._open.discard(id(node))
        if isinstance(node, yaml.SequenceNode):
            if len(node.value) > self.limits.list_items:
                raise self.refuse(node, path, _("the list has {n} items, above the limit of {max}",
                                                n=len(node.value), max=self.limits.list_items),
                                  _("check the file, or raise limits.list_items in paigen.yaml"))
            self._open.add(id(node))
            try:
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            finally:
                self._open.discard(id(node))
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict:
        if len(node.value) > self.limits.list_items:
            raise self.refuse(node, path, _("the section has {n} keys, above the limit of {max}",
                                            n=len(node.value), max=self.limits.list_items),
                              _("check the file"))
        out: dict[str, object] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                raise self.refuse(key_node, path, _("merge keys ('<<') are not allowed"),
                                  _("write the keys out in this section"))
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                raise self.refuse(key_node, path, _("a key must be plain text"),
                                  _("write 'name: value' with a plain name"))
            key = self._scalar(key_node, path)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                self.problems.append(
                    Problem(
                        self.loc(key_node),
                        _join(path, key),
                        _("key '{key}' appears twice in the same section", key=key),
                        _("keep one of them; YAML would silently use the last"),
                    )
                )
                continue
            child = (*path, key)
            out[key] = self.build(value_node, child)
            self.locations[child] = self.loc(key_node)
        return out

    def _scalar(self, node: yaml.Node, path: Path) -> object:
        if len(node.value) > self.limits.string_chars:
            raise self.refuse(node, path, _("a value of {n} characters, above the limit of {max}",
                                            n=len(node.value), max=self.limits.string_chars),
                              _("shorten it, or raise limits.string_chars in paigen.yaml"))
        # Dates and timestamps are YAML 1.1 surprises (and 2020-13-01 would not even construct):
        # keep what the user typed.
        if node.tag.endswith(":timestamp"):
            return node.value
        try:
            return self._constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):
            return node.value  # e.g. an integer of thousands of digits: the model says what is wrong


def _join(path: Path, key: str) -> str:
    return format_path((*path, key))


def load_yaml(file: str | FsPath, label: str | None = None, limits: Limits = DEFAULT) -> Document:
    """Parse *file*; raise :class:`ProfileError` on syntax errors, limits and duplicate keys."""
    file = FsPath(file)
    label = label or str(file)
    raw = read_bytes(file, label, limits.file_mb)
    return parse_yaml(raw, label, limits)


def parse_yaml(raw: bytes, label: str, limits: Limits = DEFAULT) -> Document:
    """Parse YAML bytes named *label* into a located :class:`Document`."""
    text, notes = decode(raw, label)
    try:
        _count_events(text, label, limits)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(label, mark.line + 1, mark.column + 1) if mark else Location(label)
        what = exc.problem or _("invalid YAML")
        if exc.context:
            what = f"{exc.context}, {what}"
        lines = text.splitlines()
        at = lines[mark.line][mark.column : mark.column + 1] if mark and mark.line < len(lines) else ""
        hint = _("indent with spaces, not tabs") if at == "\t" else _syntax_hint(what)
        raise ProfileError([Problem(where, "", _("YAML syntax error: {what}", what=what), hint)]) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise ProfileError([Problem(Location(label, line), "",
                                    _("the control character {code} at character {position} is not "
                                      "allowed in YAML", code=f"U+{ord(char):04X}", position=exc.position),
                                    _("delete it (it is invisible in most editors)"))]) from None
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        raise ProfileError([Problem(Location(label), "", _("cannot read the YAML: {reason}",
                                                           reason=type(exc).__name__),
                                    _("check the file: sections nested too deep?"))]) from None
    builder = _Builder(label, limits)
    try:
        data = {} if node is None else builder.build(node, ())
    except RecursionError:
        raise ProfileError([Problem(Location(label), "", _("sections are nested too deep"),
                                    _("check the indentation"))]) from None
    if builder.problems:
        raise ProfileError(builder.problems)
    return Document(data, builder.locations, label, digest(raw), notes)


_NODES = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _count_events(text: str, label: str, limits: Limits) -> None:
    """Count the values and nesting as the parser streams them, before any tree is built: a
    file within the size limit can hold millions of tiny values (``[1,1,1,…]``) whose node tree
    would take gigabytes. A syntax error is raised as the composer would raise it."""
    count = depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, _NODES):
            count += 1
            if count > limits.yaml_nodes:
                raise _refuse_at(label, event, _("the file holds more than {n} values", n=limits.yaml_nodes),
                                 _("a village profile holds a few hundred: check the file, or raise "
                                   "limits.yaml_nodes in paigen.yaml"))
        if isinstance(event, _OPEN):
            depth += 1
            if depth > limits.depth + 2:  # deeper than the tree check below would let through
                raise _refuse_at(label, event, _("sections are nested more than {n} deep", n=limits.depth),
                                 _("check the indentation"))
        elif isinstance(event, _CLOSE):
            depth -= 1


def _refuse_at(label: str, event: yaml.Event, message: str, fix: str) -> ProfileError:
    mark = event.start_mark
    where = Location(label, mark.line + 1, mark.column + 1) if mark else Location(label)
    return ProfileError([Problem(where, "", message, fix)])


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return _("put a space after each ':' and quote values that contain ': '")
    if "could not find expected ':'" in what or "simple key" in what:
        return _("each line needs 'key: value'; check the indentation of this and the previous line")
    if "expected ',' or ']'" in what or "expected ',' or '}'" in what:
        return _("close the [ ] or { } list, and separate items with ASCII commas")
    return _("check the indentation and quoting around this position")
