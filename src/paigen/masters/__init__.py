"""County masters: a designer's own artwork (PDF or SVG) with named slots, filled per village.

``masters/TYPE.yaml`` (the slot file) next to ``masters/TYPE.pdf`` or ``TYPE.svg`` in a county
folder replaces the built-in design of that sign type for every village of the build.
"""

from paigen.masters._draw import master_files
from paigen.masters._master import (
    Master,
    apply_masters,
    county_masters,
    fingerprint,
    read_master,
)

__all__ = ["Master", "apply_masters", "county_masters", "fingerprint", "master_files", "read_master"]
