"""Run paigen as ``python -m paigen``."""

from paigen.cli import main

main()
