"""Official documents to GB/T 9704-2012: notices, implementation plans and acceptance reports.

``document_kit`` renders a village's documents (``templates/docs/*.j2``, filled from the village,
its township and the county settings) to .docx laid out by construction — A4, 156 × 225 mm text
block, 22 lines × 28 characters of 3号 仿宋, red 版头, 版记 on the last line. ``docx_to_pdf``
converts them with LibreOffice headless when it is installed.
"""

from paigen.docs._checklists import Checklist, ItemResult, checklist_names, evaluate, load_checklist
from paigen.docs._kinds import DocFile, document_kit
from paigen.docs._soffice import docx_to_pdf, find_soffice

__all__ = ["Checklist", "DocFile", "ItemResult", "checklist_names", "document_kit", "docx_to_pdf",
           "evaluate", "find_soffice", "load_checklist"]
