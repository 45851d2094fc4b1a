"""Makes the documents' embedded fonts from Liberation Sans (Debian's fonts-liberation2).

Run by `cargo xtask fonts` with fontTools from target/pyenv; see
crates/documents/fonts/SOURCE.md. Usage: subset.py SOURCE.ttf OUT.ttf STYLE

Keeps the glyphs of the characters of Windows-1252 (WinAnsi), which the documents are
written in: ASCII, Latin-1 (German letters, §, °, ·), the euro sign, typographic quotes,
dashes, the ellipsis and the bullet. Drops hinting and the layout tables, which a PDF
viewer does not use for text placed glyph by glyph.

The result is a Modified Version in the sense of the SIL Open Font License 1.1, so it may
not carry the Reserved Font Names ("Liberation", "Arimo"): it is renamed to "EfA Sans".
Copyright and licence entries are kept.
"""

import sys

from fontTools import subset
from fontTools.ttLib import TTFont

EXPECTED_VERSION = "Version 2.1.5"
FAMILY = "EfA Sans"

# Windows-1252 beyond Latin-1: the code points of 0x80-0x9F.
WIN_ANSI_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"


def unicodes():
    codes = list(range(0x20, 0x7F)) + list(range(0xA0, 0x100))
    codes += [ord(c) for c in WIN_ANSI_HIGH]
    return codes


def main(source, out, style):
    font = TTFont(source, recalcTimestamp=False)
    version = font["name"].getDebugName(5)
    if version != EXPECTED_VERSION:
        sys.exit(f"{source}: expected {EXPECTED_VERSION!r}, found {version!r}")

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.name_languages = [0x409]
    options.drop_tables += ["FFTM", "kern", "GDEF", "GSUB", "GPOS", "gasp"]
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)

    postscript = f"EfASans-{style}"
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 3, 4, 6):
            name.removeNames(nameID=record.nameID)
    for name_id, text in (
        (1, FAMILY),
        (2, style),
        (3, f"{postscript} {version[len('Version '):]} subset"),
        (4, full),
        (6, postscript),
        (
            10,
            "Subset of Liberation Sans 2.1.5 (Windows-1252 characters), renamed as the "
            "SIL Open Font License 1.1 requires of a Modified Version.",
        ),
    ):
        name.setName(text, name_id, 3, 1, 0x409)
    # The Macintosh name records are dropped with the other languages; keep none.
    name.names = [n for n in name.names if n.platformID == 3]

    font.save(out)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[3] not in ("Regular", "Bold"):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3])
