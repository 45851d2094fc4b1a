"""Checks generated PDFs for what PDF/UA-1 asks of them, reading them with pikepdf (qpdf),
which shares no code with the writer.

Usage: check_pdf.py FILE...

For every file it prints one line of JSON: {"file", "problems", "roles", "lang", "title",
"links"}, where "roles" counts the structure elements by type and "links" lists the
addresses of the link annotations. It exits with 1 if any file has a
problem. The document tests (crates/documents/tests/support) and the browser journey that
downloads the PDFs run it with target/pyenv/bin/python; `cargo xtask test` installs pikepdf
there (pinned in xtask/src/setup.rs).

What it checks:
- the catalog: a structure tree, /Lang, /MarkInfo << /Marked true >>, /DisplayDocTitle true,
  XMP metadata with dc:title and pdfuaid:part 1, a title in the information dictionary;
- fonts: every font on every page is embedded (FontFile, FontFile2 or FontFile3) and has
  a /ToUnicode map;
- content: every operator that paints (text, paths, images) lies inside marked content that
  is either an artifact or carries an MCID, and every MCID is found in the parent tree and
  in its structure element;
- structure: only standard structure types, table header cells with a /Scope, link
  annotations with /Contents, a /StructParent and an OBJR in a /Link element, /Tabs /S on
  pages with annotations.
"""

import json
import sys
from collections import Counter

import pikepdf

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
    "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L",
    "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span",
    "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}

PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}


def name(obj):
    return str(obj)[1:] if obj is not None else None


def check(path):
    problems = []
    roles = Counter()
    links = []
    pdf = pikepdf.open(path)
    root = pdf.Root

    lang = str(root.get("/Lang", ""))
    if not lang:
        problems.append("the catalog has no /Lang")
    mark_info = root.get("/MarkInfo")
    if mark_info is None or not bool(mark_info.get("/Marked", False)):
        problems.append("the catalog has no /MarkInfo << /Marked true >>")
    prefs = root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        problems.append("no /ViewerPreferences << /DisplayDocTitle true >>")
    title = str(pdf.docinfo.get("/Title", "")) if pdf.docinfo is not None else ""
    if not title:
        problems.append("no /Title in the document information")
    if "/Metadata" not in root:
        problems.append("no XMP metadata")
    else:
        meta = pdf.open_metadata()
        if meta.get("pdfuaid:part") != "1":
            problems.append(f"XMP pdfuaid:part is {meta.get('pdfuaid:part')!r}, not 1")
        if not meta.get("dc:title"):
            problems.append("XMP has no dc:title")

    tree = root.get("/StructTreeRoot")
    if tree is None:
        problems.append("no /StructTreeRoot")
        return problems, roles, lang, title, links

    # The parent tree as a dictionary: key -> value (flat /Nums; /Kids are followed).
    parent_tree = {}

    def nums(node):
        arr = node.get("/Nums")
        if arr is not None:
            for i in range(0, len(arr), 2):
                parent_tree[int(arr[i])] = arr[i + 1]
        for kid in node.get("/Kids", []):
            nums(kid)

    if "/ParentTree" in tree:
        nums(tree.ParentTree)
    else:
        problems.append("the structure tree has no /ParentTree")

    # Walk the structure tree: types, marked-content references and object references.
    referenced = set()  # (page objgen, mcid)
    link_annots = set()
    seen = set()

    def walk(elem, parent_page):
        if elem.objgen != (0, 0):
            if elem.objgen in seen:
                problems.append(f"structure element {elem.objgen} appears twice")
                return
            seen.add(elem.objgen)
        kind = name(elem.get("/S"))
        roles[kind] += 1
        if kind not in STANDARD:
            problems.append(f"non-standard structure type {kind}")
        if kind == "TH":
            attrs = elem.get("/A")
            attrs = [attrs] if isinstance(attrs, pikepdf.Dictionary) else list(attrs or [])
            if not any("/Scope" in a for a in attrs):
                problems.append("a TH has no /Scope")
        page = elem.get("/Pg", parent_page)
        kids = elem.get("/K")
        if kids is None:
            return
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for kid in kids:
            if isinstance(kid, int):
                referenced.add((page.objgen if page is not None else None, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary):
                t = name(kid.get("/Type"))
                if t == "MCR":
                    pg = kid.get("/Pg", page)
                    referenced.add((pg.objgen if pg is not None else None, int(kid.MCID)))
                elif t == "OBJR":
                    if kind != "Link":
                        problems.append(f"an annotation is referenced from {kind}, not Link")
                    link_annots.add(kid.Obj.objgen)
                else:
                    walk(kid, page)

    kids = tree.get("/K")
    if kids is None:
        problems.append("the structure tree is empty")
    else:
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid, None)

    for number, page in enumerate(pdf.pages, 1):
        where = f"page {number}"
        obj = page.obj
        fonts = obj.get("/Resources", {}).get("/Font", {})
        for key, font in fonts.items():
            check_font(font, f"{where}, font {key}", problems)

        annots = obj.get("/Annots", [])
        if len(annots) and name(obj.get("/Tabs")) != "S":
            problems.append(f"{where} has annotations but no /Tabs /S")
        for annot in annots:
            if name(annot.get("/Subtype")) == "Link":
                action = annot.get("/A")
                if action is not None and "/URI" in action:
                    links.append(bytes(action.URI).decode("ascii"))
                if not str(annot.get("/Contents", "")):
                    problems.append(f"{where}: a link has no /Contents")
                if "/StructParent" not in annot:
                    problems.append(f"{where}: a link has no /StructParent")
                if annot.objgen not in link_annots:
                    problems.append(f"{where}: a link is in no Link element")

        struct_parents = obj.get("/StructParents")
        mcids = set()
        stack = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = name(operands[0])
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                mcid = None
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                    mcids.add(mcid)
                stack.append((tag, mcid))
            elif op == "EMC":
                if not stack:
                    problems.append(f"{where}: EMC without BDC")
                else:
                    stack.pop()
            elif op in PAINTING:
                if not any(tag == "Artifact" or mcid is not None for tag, mcid in stack):
                    problems.append(f"{where}: {op} outside marked content")
                    break
        if stack:
            problems.append(f"{where}: marked content left open")
        if mcids:
            if struct_parents is None:
                problems.append(f"{where} has marked content but no /StructParents")
                continue
            entries = parent_tree.get(int(struct_parents))
            if entries is None or len(entries) < max(mcids) + 1:
                problems.append(f"{where}: the parent tree misses its marked content")
            for mcid in mcids:
                if (obj.objgen, mcid) not in referenced:
                    problems.append(f"{where}: MCID {mcid} is in no structure element")

    return problems, roles, lang, title, links


def check_font(font, where, problems):
    if name(font.get("/Subtype")) == "Type0":
        if "/ToUnicode" not in font:
            problems.append(f"{where} has no /ToUnicode")
        font = font.DescendantFonts[0]
    elif "/ToUnicode" not in font:
        problems.append(f"{where} has no /ToUnicode")
    descriptor = font.get("/FontDescriptor")
    if descriptor is None or not any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
    ):
        problems.append(f"{where} ({font.get('/BaseFont')}) is not embedded")


def main(paths):
    failed = False
    for path in paths:
        problems, roles, lang, title, links = check(path)
        failed = failed or bool(problems)
        print(
            json.dumps(
                {
                    "file": path,
                    "problems": problems,
                    "roles": dict(sorted(roles.items())),
                    "lang": lang,
                    "title": title,
                    "links": links,
                },
                ensure_ascii=False,
            )
        )
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
