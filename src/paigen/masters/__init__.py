"""County masters: a designer's own artwork (PDF or SVG) with named slots, filled per village.

``masters/TYPE.yaml`` (the slot file) next to ``masters/TYPE.pdf`` or ``TYPE.svg`` in a county
folder replaces the built-in design of that sign type for every village of the build. The
readers load when first asked for: a county without masters needs only ``_folder``.
"""

from paigen.masters._folder import fingerprint

__all__ = ["Master", "apply_masters", "county_masters", "fingerprint", "master_files", "read_master"]


def __getattr__(name: str):
    if name == "master_files":
        from paigen.masters._draw import master_files

        return master_files
    if name in __all__:
        from paigen.masters import _master

        return getattr(_master, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
