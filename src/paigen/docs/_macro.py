"""The LibreOffice Basic macro that converts a list of .docx files to PDF in one soffice process.

A macro in the throw-away profile's own Basic library opens each file of the list named by the
environment variable PAIGEN_SOFFICE_LIST (file URLs, "docx<TAB>pdf[<TAB>even]" per line) hidden
and with its macros off, gives the document defaults Word's typesetting and exports the PDF.

Word's typesetting: LibreOffice's docx import ignores ``w:autoSpaceDE/DN="0"`` and keeps its own
defaults, a fifth of an em between a hanzi and a digit ("〔2026〕1 号", a date 5 mm wider than Word
sets it) and punctuation hanging past the right edge of the text block; both are switched off in
the document's defaults, which every style inherits.

With "even", a document whose 版记 ended on an odd page gets a page break before the 版记's
anchor paragraph and is exported again, in the same load; the macro adds its URL to the file
PAIGEN_SOFFICE_BREAKS names. (This was a flat ODF export, an edit and a third process: the same
PDF bytes, at twice the time for those documents and two more LibreOffice starts per run.)

A document the macro cannot open or export has no PDF (one half-made is removed), which the
caller reports.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from paigen.docs._styles import BACK_ANCHOR_NAME

EVEN = "even"  # the listing's third column: the 版记 goes to an even page
BREAKS = "breaks.txt"  # where the macro lists the documents it gave that page break
MACRO_URL = "macro:///Standard.PaigenConvert.ConvertList"
_LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library"
                   xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""  # the Basic and dialog library lists: the Standard library
_BASIC = {
    "script.xlc": _LIBRARIES,
    "dialog.xlc": _LIBRARIES,
    "Standard/script.xlb": """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard"
                 library:readonly="false" library:passwordprotected="false">
 <library:element library:name="PaigenConvert"/>
</library:library>
""",
    "Standard/dialog.xlb": """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard"
                 library:readonly="false" library:passwordprotected="false"/>
""",
    "Standard/PaigenConvert.xba": """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="PaigenConvert"
               script:language="StarBasic">
Sub ConvertList
  Dim n As Integer, entry As String
  n = FreeFile
  Open Environ(&quot;PAIGEN_SOFFICE_LIST&quot;) For Input As #n
  Do While Not EOF(n)
    Line Input #n, entry
    If entry &lt;&gt; &quot;&quot; Then ConvertOne(Split(entry, Chr(9)))
  Loop
  Close #n
End Sub

Sub ConvertOne(files)
  Dim doc As Object
  Dim load(1) As New com.sun.star.beans.PropertyValue
  Dim export(0) As New com.sun.star.beans.PropertyValue
  On Error GoTo Failed
  load(0).Name = &quot;Hidden&quot; : load(0).Value = True
  load(1).Name = &quot;MacroExecutionMode&quot; : load(1).Value = 0
  export(0).Name = &quot;FilterName&quot; : export(0).Value = &quot;writer_pdf_Export&quot;
  doc = StarDesktop.loadComponentFromURL(files(0), &quot;_blank&quot;, 0, load())
  defaults = doc.createInstance(&quot;com.sun.star.text.Defaults&quot;)
  defaults.ParaIsCharacterDistance = False
  defaults.ParaIsHangingPunctuation = False
  doc.storeToURL(files(1), export())
  If UBound(files) &gt;= 2 Then
    If files(2) = &quot;@EVEN@&quot; Then EvenBackMatter(doc, files, export())
  End If
  doc.close(True)
  Exit Sub
Failed:
  On Error Resume Next
  If Not IsNull(doc) Then doc.close(True)
  If FileExists(files(1)) Then Kill(files(1))
End Sub

Sub EvenBackMatter(doc, files, export())
  Dim paras As Object, para As Object, n As Integer
  If doc.CurrentController.PageCount Mod 2 = 0 Then Exit Sub
  paras = doc.Text.createEnumeration()
  Do While paras.hasMoreElements()
    para = paras.nextElement()
    If para.supportsService(&quot;com.sun.star.text.Paragraph&quot;) Then
      If para.ParaStyleName = &quot;@ANCHOR@&quot; Then
        para.BreakType = com.sun.star.style.BreakType.PAGE_BEFORE
        doc.storeToURL(files(1), export())
        n = FreeFile
        Open Environ(&quot;PAIGEN_SOFFICE_BREAKS&quot;) For Append As #n
        Print #n, files(0)
        Close #n
        Exit Sub
      End If
    End If
  Loop
End Sub
</script:module>
""".replace("@ANCHOR@", BACK_ANCHOR_NAME).replace("@EVEN@", EVEN),
}


def install_macro(soffice: str, profile: Path, env: dict) -> None:
    """Put the conversion macro in the profile's own Basic library.

    A new profile is made first (soffice fills it at its first start and would replace the
    library's index with its own), which takes a fraction of a second.
    """
    basic = profile / "user" / "basic"
    if not (basic / "Standard" / "script.xlb").is_file():
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                        "--nologo", "--nodefault", "--nolockcheck", "--terminate_after_init"],
                       env=env, capture_output=True, timeout=INIT_TIMEOUT_S, check=False)
    for name, text in _BASIC.items():
        file = basic / name
        if not file.is_file() or file.read_text(encoding="utf-8") != text:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")


INIT_TIMEOUT_S = 120
