"""Font roles: discovery of installed fonts, role resolution and character coverage."""

from paigen.fonts.discovery import Face, FontIndex, build_index, installed_fonts
from paigen.fonts.roles import RoleFont, resolve_role, resolve_roles, uncovered

__all__ = ["Face", "FontIndex", "RoleFont", "build_index", "installed_fonts", "resolve_role",
           "resolve_roles", "uncovered"]
