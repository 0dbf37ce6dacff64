#!/usr/bin/env python3
"""Write the .docx fixtures of tests/formats.rs into tests/docx/.

    python3 scripts/make-docx-fixtures.py [OUT_DIR]

One fictional story (people, places and the board are invented for attrib)
is written twice: as story.txt, one paragraph per line with a blank line
between paragraphs, and as story.docx, a minimal WordprocessingML package
built with nothing but zipfile. The .docx has what the reader must handle:
a Title and a Heading 2 paragraph, words split across runs, a tracked
insertion and a tracked deletion (the .txt holds the accepted text), a
footnote (the .txt has it as its last paragraph, where attrib reads notes)
and a table cell. Beside it, one file per error the reader must report:
a damaged zip, a zip that is not a Word document, a Word package without
word/document.xml, malformed XML, and an OLE compound file (what a
password-protected .docx is).

The output is deterministic (fixed zip timestamps), so rerunning the script
leaves the committed files unchanged.

story-libreoffice.docx is story.docx opened and saved again by LibreOffice
Writer 7.4 (it keeps the tracked changes, adds its own styles, settings and
run properties), to show a real word processor's file reads the same:

    soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir /tmp/lo tests/docx/story.docx
    cp /tmp/lo/story.docx tests/docx/story-libreoffice.docx
"""

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
AUTHOR = 'w:author="Desk Editor" w:date="2026-03-02T09:00:00Z"'

# The story. A paragraph is (style, [pieces]); a piece is plain text,
# ("ins", text), ("del", text), ("bold", text), ("footnote", note text) or
# ("cell", text) for a one-cell table holding that paragraph.
STORY = [
    ("Title", ["Harbour board delays Kellmoor ferry contract"]),
    (None, [
        "The Kellmoor Harbour Board postponed its decision on the new ferry contract on Tuesday, after ",
        "Brand", ("bold", "vik"),
        " told members that two of the three bids had arrived incomplete.",
    ]),
    (None, [
        "Ilse Brandvik, the board\u2019s procurement officer, said the missing pages covered fuel costs and crew numbers.",
    ]),
    (None, [
        "\u201cWe cannot sign a contract that nobody has read in full,\u201d Brandvik said.",
    ]),
    ("Heading2", ["Island wards wait"]),
    (None, [
        "Councillor Tomasz Reyes",
        ("ins", ", who represents the island wards,"),
        " claimed the delay would ",
        ("del", "almost certainly "),
        "cost passengers a summer of crowded sailings.",
    ]),
    (None, [
        "\u201cEvery week we wait is another week of queues at the slipway,\u201d Reyes said.",
    ]),
    ("cell", ["Sailings cut this spring: 14 of 62."]),
    (None, [
        "The board will meet again on 14 June, according to its published agenda.",
        ("footnote", "Critics say the agenda was posted on the board\u2019s notice page only on Monday."),
    ]),
]


def t(text):
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{props}{t(text)}</w:r>"


def paragraph(style, pieces, footnotes):
    style_xml = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    body = []
    for piece in pieces:
        if isinstance(piece, str):
            body.append(run(piece))
            continue
        kind, text = piece
        change_id = 100 + len(footnotes) * 10 + len(body)
        if kind == "bold":
            body.append(run(text, bold=True))
        elif kind == "ins":
            body.append(f'<w:ins w:id="{change_id}" {AUTHOR}>{run(text)}</w:ins>')
        elif kind == "del":
            body.append(
                f'<w:del w:id="{change_id}" {AUTHOR}><w:r><w:delText xml:space="preserve">'
                f"{escape(text)}</w:delText></w:r></w:del>"
            )
        elif kind == "footnote":
            footnotes.append(text)
            body.append(
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{len(footnotes)}"/></w:r>'
            )
    return f"<w:p>{style_xml}{''.join(body)}</w:p>"


def document_xml():
    footnotes = []
    blocks = []
    for style, pieces in STORY:
        if style == "cell":
            cell = paragraph(None, pieces, footnotes)
            blocks.append(
                '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
                '<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>'
                f'<w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>{cell}</w:tc></w:tr></w:tbl>'
            )
        else:
            blocks.append(paragraph(style, pieces, footnotes))
    section = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(blocks)}{section}</w:body></w:document>'
    )
    return xml, footnotes


def footnotes_xml(notes):
    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    )
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f"{run(' ' + text)}</w:p></w:footnote>"
        for i, text in enumerate(notes, start=1)
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">{separators}{body}</w:footnotes>'


STYLES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:rPr><w:sz w:val="48"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""

PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/></Relationships>"""

DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{REL_NS}">
<Relationship Id="rId1" Type="{DOC_REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{DOC_REL}/footnotes" Target="footnotes.xml"/>
</Relationships>"""


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


def accepted_text(pieces):
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif piece[0] in ("ins", "bold"):
            out.append(piece[1])
    return "".join(out)


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/docx")
    out.mkdir(parents=True, exist_ok=True)
    document, notes = document_xml()
    package = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES_XML),
        ("word/footnotes.xml", footnotes_xml(notes)),
    ]
    write_zip(out / "story.docx", package)
    # The same story as text: the accepted text, notes after the body.
    paragraphs = [accepted_text(pieces) for _, pieces in STORY] + notes
    (out / "story.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")

    # A zip cut short: the central directory is missing.
    story = (out / "story.docx").read_bytes()
    (out / "corrupt.docx").write_bytes(story[: len(story) // 2])
    write_zip(out / "not-word.docx", [("notes.txt", "A zip archive with a text file in it.\n")])
    write_zip(out / "no-document.docx", [p for p in package if p[0] != "word/document.xml"])
    broken = document.replace("</w:t></w:r>", "</w:r>", 1)
    write_zip(out / "malformed.docx", [(n, broken if n == "word/document.xml" else x) for n, x in package])
    # The header sector of an OLE compound file, as an encrypted .docx
    # (or a .doc) begins: the signature, then zeros.
    (out / "encrypted.docx").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))


if __name__ == "__main__":
    main()
