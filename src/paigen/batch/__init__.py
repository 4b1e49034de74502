"""County-level outputs of a batch build: the print order, the proof sheet, the gallery."""
