#!/usr/bin/python3
"""Makes the small fonts (fonts/JourneyflowSansHans-*.otf) journeyflow's PNG renderer loads first.

resvg-js reads the whole font file again for every glyph it draws, so a PNG's text costs in
proportion to the font's size: the full Noto Sans Hans (8 MB per weight) is ~4× slower. These subsets hold
Latin, punctuation, the symbols journeyflow draws and the 6 763 hanzi of GB 2312, which covers
everyday simplified Chinese; a diagram using any other character falls back to the full fonts.
Run with Debian's python3-fonttools: /usr/bin/python3 scripts/subset-fonts.py
"""
import pathlib
from fontTools import subset
from fontTools.ttLib import TTFont

root = pathlib.Path(__file__).resolve().parent.parent
src = root / 'node_modules' / '@embedpdf' / 'fonts-sc' / 'fonts'
out = root / 'fonts'

chars = set(range(0x20, 0x7f)) | set(range(0xa0, 0x250)) | set(range(0x2000, 0x2070)) | set(range(0x2190, 0x2200))
chars |= set(range(0x2200, 0x2300)) | set(range(0x25a0, 0x2700)) | set(range(0x3000, 0x3040)) | set(range(0xff00, 0xfff0))
# Block elements (the text pictures' bars) and dingbats (the journey's ✓ before an opportunity): without
# them every journey map fell back to the full 8 MB fonts, several times slower to draw.
chars |= set(range(0x2580, 0x25a0)) | set(range(0x2700, 0x27c0))
for hi in range(0xa1, 0xf8):
    for lo in range(0xa1, 0xff):
        try:
            chars.add(ord(bytes([hi, lo]).decode('gb2312')))
        except UnicodeDecodeError:
            pass

for weight in ('Regular', 'Bold'):
    font = TTFont(src / f'NotoSansHans-{weight}.otf')
    cmap = font.getBestCmap()
    covered = sorted(c for c in chars if c in cmap)
    opts = subset.Options()
    opts.layout_features = ['*']
    opts.name_IDs = ['*']
    opts.name_languages = ['*']
    opts.notdef_outline = True
    opts.hinting = False
    # Outlines without subroutines: a PNG's per-diagram subset (src/render/png-font-subset.ts) keeps
    # only its glyphs' outlines, and would otherwise carry every subroutine (~130 KB a weight) along.
    opts.desubroutinize = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=covered)
    sub.subset(font)
    # The OFL reserves the name "Noto Sans" for unmodified fonts: a subset carries its own name.
    family = 'Journeyflow Sans Hans'
    ps = f'JourneyflowSansHans-{weight}'
    for rec in font['name'].names:
        if rec.nameID in (1, 16):
            rec.string = family
        elif rec.nameID in (4,):
            rec.string = f'{family} {weight}'
        elif rec.nameID in (3, 6):
            rec.string = ps
    if 'CFF ' in font:
        cff = font['CFF '].cff
        cff.fontNames = [ps]
        top = cff.topDictIndex[0]
        for key in ('FullName', 'FamilyName'):
            if hasattr(top, key):
                setattr(top, key, family if key == 'FamilyName' else f'{family} {weight}')
    font.save(out / f'JourneyflowSansHans-{weight}.otf')
print('wrote', sorted(p.name for p in out.iterdir()))
