"""paigen: print-ready signs, facade drawings and documents for village service centres."""

__version__ = "0.1.0"
