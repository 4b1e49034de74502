"""The LibreOffice Basic macro that converts a list of .docx files to PDF in one soffice process.

A macro in the throw-away profile's own Basic library opens each file of the list named by the
environment variable PAIGEN_SOFFICE_LIST (file URLs, "docx<TAB>pdf" per line) hidden and with
its macros off, gives the document defaults Word's typesetting (the two settings of
:func:`paigen.docs._soffice.word_typesetting`) and exports the PDF. Going through a flat ODF file
and a second process did the same in twice the time, to the same bytes. A document the macro
cannot open or export is skipped: it has no PDF, which the caller reports.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

WORD_PDF = "pdf:word"
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
  doc.close(True)
  Exit Sub
Failed:
  On Error Resume Next
  If Not IsNull(doc) Then doc.close(True)
End Sub
</script:module>
""",
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
