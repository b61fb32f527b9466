"""Schematic pictures for the demo content, drawn with Pillow.

The pictures under ``routines/demo/media/`` were drawn by this script, and it
draws them again from the names in ``routines/fixtures/demo.json``:

    .venv/bin/python bench/demo_media/pictures.py           # write those that differ
    .venv/bin/python bench/demo_media/pictures.py --check   # only list them

The committed files are what the site uses; the output depends on the fonts
installed (DejaVu Sans here), so another machine may draw slightly other bytes.

``draw_point_picture`` draws where one acupressure point is: a friendly,
simple drawing of the body part, landmark hints (knuckles, spine, ankle
bone...), and the point marked with a ringed dot plus a label with its code,
so the marker never depends on colour alone. ``draw_hero_picture`` draws the
calm, text-free hero pictures of the two demo articles.

Everything is drawn in a fixed design space (800 x 600 for points,
1600 x 900 for heroes), at twice the output size, then scaled down for smooth
edges. The output is deterministic: the same call gives the same PNG bytes.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import math
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "routines" / "fixtures" / "demo.json"
MEDIA = ROOT / "routines" / "demo" / "media"
ROWS = json.loads(FIXTURE.read_text())
POINTS_BY_CODE = {
    row["fields"]["code"]: row["fields"]
    for row in ROWS
    if row["model"] == "routines.point"
}

__all__ = ["draw_hero_picture", "draw_point_picture", "point_picture_codes"]

Point = tuple[float, float]
Colour = tuple[int, int, int]

# Colours. Text colours keep at least 4.5:1 contrast with the background.
BACKGROUND: Colour = (247, 244, 238)
BAND: Colour = (255, 255, 255)
BAND_LINE: Colour = (214, 208, 196)
SKIN: Colour = (243, 216, 193)
SKIN_SHADE: Colour = (228, 188, 158)
OUTLINE: Colour = (128, 84, 62)
BONE: Colour = (252, 249, 242)
BONE_LINE: Colour = (150, 136, 118)
CLOTH: Colour = (196, 211, 226)
CLOTH_LINE: Colour = (88, 110, 134)
HINT: Colour = (96, 86, 76)
TEXT: Colour = (33, 33, 38)
MARKER_RING: Colour = (20, 48, 92)
MARKER_DOT: Colour = (214, 72, 30)
WHITE: Colour = (255, 255, 255)

SUPERSAMPLE = 2
POINT_DESIGN = (800.0, 600.0)
HERO_DESIGN = (1600.0, 900.0)
BAND_TOP = 540.0

_FONT_CANDIDATES = {
    False: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/Library/Fonts/Arial.ttf",
        "C:/Windows/Fonts/arial.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/Library/Fonts/Arial Bold.ttf",
        "C:/Windows/Fonts/arialbd.ttf",
    ),
}


@lru_cache(maxsize=64)
def _font(
    size: int, bold: bool = False
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Return a font of the given pixel size.

    DejaVu Sans is used when the machine has it; otherwise Pillow's built-in
    default font, which needs no files.
    """
    for candidate in _FONT_CANDIDATES[bold]:
        if Path(candidate).is_file():
            try:
                return ImageFont.truetype(candidate, size)
            except OSError:  # pragma: no cover - unreadable font file
                continue
    return ImageFont.load_default(size=size)


def _catmull_rom(points: Sequence[Point], samples: int = 14) -> list[Point]:
    """Return a smooth closed curve through the given control points."""
    result: list[Point] = []
    count = len(points)
    for i in range(count):
        p0, p1, p2, p3 = (points[(i + k - 1) % count] for k in range(4))
        for step in range(samples):
            t = step / samples
            t2, t3 = t * t, t * t * t
            result.append(
                tuple(
                    0.5
                    * (
                        2 * p1[axis]
                        + (-p0[axis] + p2[axis]) * t
                        + (2 * p0[axis] - 5 * p1[axis] + 4 * p2[axis] - p3[axis]) * t2
                        + (-p0[axis] + 3 * p1[axis] - 3 * p2[axis] + p3[axis]) * t3
                    )
                    for axis in (0, 1)
                )
            )
    return result


def _open_curve(points: Sequence[Point], samples: int = 14) -> list[Point]:
    """Return a smooth open curve through the control points (ends kept)."""
    padded = [points[0], *points, points[-1]]
    result: list[Point] = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        for step in range(samples):
            t = step / samples
            t2, t3 = t * t, t * t * t
            result.append(
                tuple(
                    0.5
                    * (
                        2 * p1[axis]
                        + (-p0[axis] + p2[axis]) * t
                        + (2 * p0[axis] - 5 * p1[axis] + 4 * p2[axis] - p3[axis]) * t2
                        + (-p0[axis] + 3 * p1[axis] - 3 * p2[axis] + p3[axis]) * t3
                    )
                    for axis in (0, 1)
                )
            )
    result.append(points[-1])
    return result


class _Painter:
    """Draws in design coordinates, mapped onto the real image.

    ``mirror`` flips the drawing left to right (used for the inner ankle);
    text is never mirrored, only its position and alignment.
    """

    def __init__(
        self,
        draw: ImageDraw.ImageDraw,
        scale: float,
        offset: Point = (0.0, 0.0),
        *,
        mirror_width: float | None = None,
    ) -> None:
        self.draw = draw
        self.scale = scale
        self.offset = offset
        self.mirror_width = mirror_width

    # -- coordinates -----------------------------------------------------
    def p(self, point: Point) -> Point:
        x, y = point
        if self.mirror_width is not None:
            x = self.mirror_width - x
        return (self.offset[0] + x * self.scale, self.offset[1] + y * self.scale)

    def pts(self, points: Iterable[Point]) -> list[Point]:
        return [self.p(point) for point in points]

    def d(self, value: float) -> float:
        return value * self.scale

    def w(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def h_anchor(self, anchor: str) -> str:
        """Swap left and right text alignment when mirrored."""
        if self.mirror_width is None:
            return anchor
        swap = {"l": "r", "r": "l"}
        return swap.get(anchor[0], anchor[0]) + anchor[1:]

    # -- shapes ------------------------------------------------------------
    def polygon(
        self,
        points: Sequence[Point],
        fill: Colour | None = None,
        outline: Colour | None = None,
        width: float = 3,
    ) -> None:
        self.draw.polygon(
            self.pts(points), fill=fill, outline=outline, width=self.w(width)
        )

    def circle(
        self,
        centre: Point,
        radius: float,
        fill: Colour | None = None,
        outline: Colour | None = None,
        width: float = 3,
    ) -> None:
        cx, cy = self.p(centre)
        r = self.d(radius)
        self.draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r),
            fill=fill,
            outline=outline,
            width=self.w(width) if outline else 0,
        )

    def ellipse(
        self,
        centre: Point,
        radii: Point,
        fill: Colour | None = None,
        outline: Colour | None = None,
        width: float = 3,
    ) -> None:
        cx, cy = self.p(centre)
        rx, ry = self.d(radii[0]), self.d(radii[1])
        self.draw.ellipse(
            (cx - rx, cy - ry, cx + rx, cy + ry),
            fill=fill,
            outline=outline,
            width=self.w(width) if outline else 0,
        )

    def line(self, points: Sequence[Point], fill: Colour, width: float = 3) -> None:
        real = self.pts(points)
        radius = self.d(width) / 2
        if width <= 4:
            self.draw.line(real, fill=fill, width=self.w(width), joint="curve")
            caps = [real[0], real[-1]]
        else:  # thick lines: straight pieces joined by round caps, no gaps
            for a, b in itertools.pairwise(real):
                self.draw.line([a, b], fill=fill, width=self.w(width))
            caps = real
        for x, y in caps:
            self.draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill)

    def dashed(
        self,
        start: Point,
        end: Point,
        fill: Colour,
        width: float = 3,
        dash: float = 14,
        gap: float = 10,
    ) -> None:
        length = math.dist(start, end)
        if length == 0:
            return
        ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
        pos = 0.0
        while pos < length:
            stop = min(pos + dash, length)
            a = (start[0] + ux * pos, start[1] + uy * pos)
            b = (start[0] + ux * stop, start[1] + uy * stop)
            self.draw.line(self.pts([a, b]), fill=fill, width=self.w(width))
            pos = stop + gap

    def capsule(self, a: Point, b: Point, radius: float, fill: Colour) -> None:
        """A thick line with round ends: fingers, limbs."""
        self.line([a, b], fill, width=radius * 2)

    def rounded(
        self,
        box: tuple[float, float, float, float],
        radius: float,
        fill: Colour | None = None,
        outline: Colour | None = None,
        width: float = 3,
    ) -> None:
        (x0, y0), (x1, y1) = self.p(box[:2]), self.p(box[2:])
        self.draw.rounded_rectangle(
            (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)),
            radius=self.d(radius),
            fill=fill,
            outline=outline,
            width=self.w(width) if outline else 0,
        )

    # -- text and markers ------------------------------------------------------
    def text(
        self,
        at: Point,
        text: str,
        size: float,
        fill: Colour = TEXT,
        *,
        anchor: str = "la",
        bold: bool = False,
    ) -> None:
        self.draw.text(
            self.p(at),
            text,
            fill=fill,
            font=_font(max(6, round(self.d(size))), bold),
            anchor=self.h_anchor(anchor),
        )

    def hint(
        self,
        text_at: Point,
        target: Point,
        text: str,
        *,
        anchor: str = "rm",
        size: float = 19,
    ) -> None:
        """A small grey landmark label with a thin pointer line."""
        self.line([text_at, target], HINT, width=1.6)
        self.circle(target, 3.5, fill=HINT)
        # Nudge the text away from the end of the pointer line.
        side = -1 if self.h_anchor(anchor)[0] == "r" else 1
        if self.mirror_width is not None:
            side = -side
        nudge = 8 * side
        self.text((text_at[0] + nudge, text_at[1]), text, size, HINT, anchor=anchor)

    def marker(self, at: Point, radius: float = 17) -> None:
        """The point marker: a white halo, a dark ring and an orange dot."""
        self.circle(at, radius + 6, fill=WHITE)
        self.circle(at, radius, fill=WHITE, outline=MARKER_RING, width=5.5)
        self.circle(at, radius * 0.45, fill=MARKER_DOT)

    def label(self, at: Point, target: Point, text: str, size: float = 24) -> None:
        """A dark pill with the point code, joined to its marker by a line."""
        font = _font(max(6, round(self.d(size))), True)
        left, _top, right, _bottom = font.getbbox(text)
        half_w = (right - left) / 2 / self.scale + 12
        half_h = size * 0.5 + 9
        self.line([at, target], MARKER_RING, width=3.5)
        cx, cy = self.p(at)
        self.draw.rounded_rectangle(
            (
                cx - self.d(half_w),
                cy - self.d(half_h),
                cx + self.d(half_w),
                cy + self.d(half_h),
            ),
            radius=self.d(half_h),
            fill=MARKER_RING,
            outline=WHITE,
            width=self.w(2.5),
        )
        self.draw.text((cx, cy), text, fill=WHITE, font=font, anchor="mm")


def _silhouette(
    painter: _Painter,
    capsules: Sequence[tuple[Point, Point, float]] = (),
    polygons: Sequence[Sequence[Point]] = (),
    fill: Colour = SKIN,
    outline: Colour = OUTLINE,
    width: float = 3.5,
) -> None:
    """Draw joined shapes as one outlined silhouette (outline pass, then fill)."""
    for a, b, r in capsules:
        painter.capsule(a, b, r + width, outline)
    for poly in polygons:
        painter.line([*poly, poly[0]], outline, width=width * 2)
    for a, b, r in capsules:
        painter.capsule(a, b, r, fill)
    for poly in polygons:
        painter.polygon(poly, fill=fill)


def _caption(painter: _Painter, code: str, view: str) -> None:
    """The white band at the bottom: point code, names and the view."""
    point = POINTS_BY_CODE[code]
    plain = _Painter(painter.draw, painter.scale, painter.offset)
    plain.polygon(
        [(-400, BAND_TOP), (1200, BAND_TOP), (1200, 700), (-400, 700)], fill=BAND
    )
    plain.line([(-400, BAND_TOP), (1200, BAND_TOP)], BAND_LINE, width=2)
    plain.text((28, 570), code, 26, MARKER_RING, anchor="lm", bold=True)
    code_width = _font(round(plain.d(26)), True).getlength(code) / plain.scale
    plain.text(
        (28 + code_width + 14, 571),
        f"{point['pinyin_name']} \u00b7 {point['english_name']}",
        22,
        TEXT,
        anchor="lm",
    )
    plain.text((772, 571), view, 19, HINT, anchor="rm")


# --- Body parts -------------------------------------------------------------


def _hand(painter: _Painter) -> None:
    """Back of a left hand, fingers up, thumb on the right, with landmarks."""
    _hand_shape(painter, wrist_bottom=560)
    # Hand bones (faint guides from the wrist to the knuckles).
    bones = [
        ((345, 470), (324, 284)),
        ((378, 472), (370, 266)),
        ((410, 472), (420, 260)),
        ((442, 470), (466, 270)),
        ((468, 462), (530, 360)),
    ]
    for start, end in bones:
        painter.line([start, end], SKIN_SHADE, width=7)
    _knuckles(painter)
    painter.line(_open_curve([(330, 492), (400, 500), (472, 490)]), OUTLINE, 2.5)
    painter.hint((210, 250), (324, 272), "knuckles")
    painter.hint((210, 400), (345, 445), "hand bones")
    painter.hint((210, 492), (334, 492), "wrist crease")


_FINGERS: list[tuple[Point, Point, float]] = [
    ((322, 282), (286, 128), 24),  # little
    ((370, 262), (358, 72), 27),  # ring
    ((420, 256), (428, 52), 28),  # middle
    ((466, 266), (502, 82), 27),  # index
    ((492, 402), (572, 312), 31),  # thumb, first part
    ((572, 312), (616, 222), 29),  # thumb, tip
]


def _hand_shape(painter: _Painter, wrist_bottom: float) -> None:
    """The outline of a left hand seen from the back, with nails."""
    palm = _catmull_rom(
        [
            (300, 262),
            (390, 238),
            (470, 246),
            (505, 300),
            (516, 372),
            (486, 452),
            (470, 540),
            (470, wrist_bottom),
            (330, wrist_bottom),
            (318, 462),
            (292, 360),
        ]
    )
    _silhouette(painter, capsules=_FINGERS, polygons=[palm])
    for base, tip, radius in _FINGERS[:4] + _FINGERS[5:]:
        dx, dy = tip[0] - base[0], tip[1] - base[1]
        length = math.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        nail = (tip[0] - ux * radius * 0.55, tip[1] - uy * radius * 0.55)
        painter.capsule(
            nail, (nail[0] - ux * 12, nail[1] - uy * 12), radius * 0.45, SKIN_SHADE
        )


def _knuckles(painter: _Painter) -> None:
    for knuckle in [(324, 276), (370, 258), (420, 252), (466, 262)]:
        painter.ellipse(knuckle, (15, 10), fill=SKIN_SHADE)


def _draw_ex_ue7(painter: _Painter) -> None:
    marks = [(349, 372), (434, 372)]
    _hand(painter)
    painter.line([(610, 440), (364, 380)], MARKER_RING, width=2.5)
    painter.label((652, 440), (449, 380), "EX-UE7")
    for mark in marks:
        painter.marker(mark)
    painter.text((652, 478), "two points", 18, HINT, anchor="mm")


def _draw_li4(painter: _Painter) -> None:
    mark = (486, 346)
    _hand(painter)
    painter.label((660, 430), mark, "LI 4")
    painter.marker(mark)


def _draw_bl23(painter: _Painter) -> None:
    """Lower back from behind: spine, lowest ribs, hip bones."""
    cx = 400.0
    level = 312.0
    torso = _catmull_rom(
        [
            (cx - 196, -40),
            (cx - 186, 110),
            (cx - 166, 260),
            (cx - 178, 380),
            (cx - 226, 500),
            (cx - 232, 620),
            (cx + 232, 620),
            (cx + 226, 500),
            (cx + 178, 380),
            (cx + 166, 260),
            (cx + 186, 110),
            (cx + 196, -40),
        ]
    )
    _silhouette(painter, polygons=[torso])
    # Trousers.
    waistband = _catmull_rom(
        [
            (cx - 222, 470),
            (cx, 482),
            (cx + 222, 470),
            (cx + 240, 640),
            (cx - 240, 640),
        ],
        samples=10,
    )
    painter.polygon(waistband, fill=CLOTH, outline=CLOTH_LINE, width=3.5)
    # Ribs.
    for side in (-1, 1):
        for rib_y, drop, reach in ((150, 108, 150), (196, 104, 128)):
            rib = _open_curve(
                [
                    (cx + side * 26, rib_y),
                    (cx + side * (reach * 0.55), rib_y + drop * 0.45),
                    (cx + side * reach, rib_y + drop),
                ]
            )
            painter.line(rib, BONE_LINE, width=11)
            painter.line(rib, BONE, width=6)
        # Hip bone (top of the pelvis).
        crest = _open_curve(
            [
                (cx + side * 48, 452),
                (cx + side * 92, 398),
                (cx + side * 150, 372),
                (cx + side * 206, 392),
            ]
        )
        painter.line(crest, BONE_LINE, width=12)
        painter.line(crest, BONE, width=7)
    # Spine.
    y = -30.0
    while y < 470:
        painter.rounded((cx - 18, y, cx + 18, y + 26), 8, BONE, BONE_LINE, 2.5)
        y += 33
    painter.dashed((cx - 250, level), (cx + 250, level), HINT, width=2)
    painter.dashed((cx - 250, 372), (cx + 250, 372), HINT, width=2)
    painter.text(
        (cx - 252, level - 14), "level with lowest ribs", 18, HINT, anchor="rb"
    )
    painter.text((cx - 252, level + 8), "(waist level)", 18, HINT, anchor="rt")
    painter.text((cx - 252, 372 + 8), "top of hip bones", 18, HINT, anchor="rt")
    painter.hint((150, 120), (cx - 16, 120), "spine")
    # Two fingers' width from the spine.
    painter.line([(cx, level + 34), (cx + 52, level + 34)], MARKER_RING, width=2.5)
    for x in (cx, cx + 52):
        painter.line([(x, level + 26), (x, level + 42)], MARKER_RING, width=2.5)
    painter.text((cx + 60, level + 36), "2 fingers", 18, MARKER_RING, anchor="lm")
    marks = [(cx - 52, level), (cx + 52, level)]
    painter.label((cx - 226, level - 70), marks[0], "BL 23")
    painter.label((cx + 226, level - 70), marks[1], "BL 23")
    for mark in marks:
        painter.marker(mark)


def _legs(painter: _Painter) -> float:
    """The backs of both legs, from mid-thigh to the heels.

    Returns the x of the right-hand leg (the person's right leg).
    """
    centres = (292.0, 508.0)
    for cx in centres:
        leg = _catmull_rom(
            [
                (cx - 96, -40),
                (cx - 88, 90),
                (cx - 72, 172),
                (cx - 84, 262),
                (cx - 66, 350),
                (cx - 40, 440),
                (cx - 38, 488),
                (cx - 44, 520),
                (cx - 30, 560),
                (cx + 30, 560),
                (cx + 44, 520),
                (cx + 38, 488),
                (cx + 40, 440),
                (cx + 66, 350),
                (cx + 84, 262),
                (cx + 72, 172),
                (cx + 88, 90),
                (cx + 96, -40),
            ]
        )
        _silhouette(painter, polygons=[leg])
        # Shorts.
        painter.polygon(
            _catmull_rom(
                [(cx - 104, -60), (cx + 104, -60), (cx + 96, 40), (cx - 96, 46)],
                samples=8,
            ),
            fill=CLOTH,
            outline=CLOTH_LINE,
            width=3.5,
        )
        # Knee crease and the two tendons beside it.
        painter.line(
            _open_curve([(cx - 46, 176), (cx, 184), (cx + 46, 176)]), OUTLINE, 3
        )
        for side in (-1, 1):
            painter.line(
                _open_curve([(cx + side * 52, 120), (cx + side * 56, 176)]),
                SKIN_SHADE,
                width=8,
            )
            # Calf muscle bulge.
            painter.line(
                _open_curve(
                    [
                        (cx + side * 56, 214),
                        (cx + side * 66, 270),
                        (cx + side * 34, 326),
                        (cx + side * 6, 338),
                    ]
                ),
                SKIN_SHADE,
                width=7,
            )
        # Heel cord (Achilles tendon).
        painter.line([(cx - 12, 400), (cx - 10, 520)], SKIN_SHADE, width=6)
        painter.line([(cx + 12, 400), (cx + 10, 520)], SKIN_SHADE, width=6)
    left = centres[0]
    painter.hint((150, 176), (left - 40, 178), "knee crease")
    painter.hint((150, 262), (left - 52, 262), "calf muscle")
    painter.hint((150, 470), (left - 12, 470), "heel cord")
    return centres[1]


def _draw_bl40(painter: _Painter) -> None:
    cx = _legs(painter)
    mark = (cx, 180)
    painter.label((cx + 170, 120), mark, "BL 40")
    painter.marker(mark)


def _draw_bl57(painter: _Painter) -> None:
    cx = _legs(painter)
    mark = (cx, 350)
    painter.label((cx + 170, 300), mark, "BL 57")
    painter.marker(mark)
    painter.text((cx + 170, 338), "below the bulge", 18, HINT, anchor="mm")


def _ankle(painter: _Painter, bone_name: str) -> Point:
    """The side of a right ankle and foot, toes to the right.

    The inner ankle uses the same drawing, mirrored. Returns the point in the
    hollow between the ankle bone and the heel cord.
    """
    foot = _catmull_rom(
        [
            (262, -40),
            (268, 150),
            (262, 300),
            (236, 410),
            (236, 470),
            (276, 510),
            (400, 518),
            (560, 520),
            (680, 514),
            (714, 486),
            (690, 452),
            (590, 424),
            (470, 360),
            (420, 290),
            (414, 150),
            (420, -40),
        ]
    )
    _silhouette(painter, polygons=[foot])
    # Trouser hem.
    painter.polygon(
        [(240, -60), (440, -60), (438, 60), (244, 70)],
        fill=CLOTH,
        outline=CLOTH_LINE,
        width=3.5,
    )
    # Heel cord (Achilles tendon).
    achilles = _open_curve([(292, 150), (286, 300), (268, 420)])
    painter.line(achilles, SKIN_SHADE, width=10)
    # Ankle bone.
    bone = (374, 372)
    painter.circle(bone, 34, fill=SKIN_SHADE, outline=OUTLINE, width=2.5)
    painter.circle((bone[0] - 6, bone[1] - 6), 14, fill=SKIN)
    # Toes.
    for x in (640, 668, 692):
        painter.line([(x - 4, 470), (x, 508)], SKIN_SHADE, width=3)
    painter.hint((560, 250), (398, 352), bone_name, anchor="lm")
    painter.hint((560, 200), (422, 200), "shin", anchor="lm")
    painter.hint((120, 230), (284, 230), "heel cord", anchor="rm")
    painter.hint((120, 470), (246, 470), "heel", anchor="rm")
    return (322, 386)


def _draw_bl60(painter: _Painter) -> None:
    mark = _ankle(painter, "outer ankle bone")
    painter.label((150, 350), mark, "BL 60")
    painter.marker(mark)


def _draw_ki3(painter: _Painter) -> None:
    mirrored = _Painter(
        painter.draw, painter.scale, painter.offset, mirror_width=POINT_DESIGN[0]
    )
    mark = _ankle(mirrored, "inner ankle bone")
    mirrored.label((150, 350), mark, "KI 3")
    mirrored.marker(mark)


def _draw_gb30(painter: _Painter) -> None:
    """Hips and buttocks from behind, in fitted shorts."""
    cx = 400.0
    body = _catmull_rom(
        [
            (cx - 190, -40),
            (cx - 186, 60),
            (cx - 222, 170),
            (cx - 252, 300),
            (cx - 246, 420),
            (cx - 222, 520),
            (cx - 210, 640),
            (cx - 30, 640),
            (cx - 22, 520),
            (cx, 480),
            (cx + 22, 520),
            (cx + 30, 640),
            (cx + 210, 640),
            (cx + 222, 520),
            (cx + 246, 420),
            (cx + 252, 300),
            (cx + 222, 170),
            (cx + 186, 60),
            (cx + 190, -40),
        ]
    )
    _silhouette(painter, polygons=[body])
    shorts = _catmull_rom(
        [
            (cx - 212, 122),
            (cx, 136),
            (cx + 212, 122),
            (cx + 256, 300),
            (cx + 246, 470),
            (cx + 130, 494),
            (cx + 16, 500),
            (cx, 478),
            (cx - 16, 500),
            (cx - 130, 494),
            (cx - 246, 470),
            (cx - 256, 300),
        ],
        samples=12,
    )
    painter.polygon(shorts, fill=CLOTH, outline=CLOTH_LINE, width=3.5)
    # The cleft between the buttocks and the fold under each one.
    painter.line(_open_curve([(cx, 268), (cx - 2, 350), (cx, 440)]), CLOTH_LINE, 3)
    for side in (-1, 1):
        painter.line(
            _open_curve(
                [(cx + side * 14, 436), (cx + side * 100, 456), (cx + side * 196, 440)]
            ),
            CLOTH_LINE,
            3,
        )
    # Spine and the flat bone at its base.
    y = -30.0
    while y < 130:
        painter.rounded((cx - 18, y, cx + 18, y + 26), 8, BONE, BONE_LINE, 2.5)
        y += 33
    base = (cx, 262)
    sacrum = _catmull_rom(
        [(cx - 52, 140), (cx + 52, 140), (cx + 20, 238), base, (cx - 20, 238)],
        samples=8,
    )
    painter.polygon(sacrum, fill=BONE, outline=BONE_LINE, width=2.5)
    # Bony knob at the side of the hip (top of the thigh bone).
    knob = (cx + 206, 318)
    painter.circle(knob, 26, fill=BONE, outline=BONE_LINE, width=2.5)
    painter.dashed(knob, base, MARKER_RING, width=2.5, dash=12, gap=8)
    painter.hint((150, 80), (cx - 16, 80), "spine")
    painter.hint((150, 200), (cx - 34, 200), "base of spine")
    painter.hint((660, 420), (knob[0] + 10, knob[1] + 22), "bony knob", anchor="lm")
    painter.text((660, 446), "of the hip", 19, HINT, anchor="lm")
    mark = (knob[0] + (base[0] - knob[0]) / 3, knob[1] + (base[1] - knob[1]) / 3)
    painter.label((cx + 200, 190), mark, "GB 30")
    painter.marker(mark)
    painter.text((cx + 36, 300), "\u2153", 26, MARKER_RING, anchor="mm", bold=True)


_POINT_DRAWERS: dict[str, tuple[Callable[[_Painter], None], str]] = {
    "EX-UE7": (_draw_ex_ue7, "Back of the left hand"),
    "LI 4": (_draw_li4, "Back of the left hand"),
    "BL 23": (_draw_bl23, "Lower back, from behind"),
    "BL 40": (_draw_bl40, "Backs of the legs"),
    "BL 57": (_draw_bl57, "Backs of the legs"),
    "BL 60": (_draw_bl60, "Right ankle, outer side"),
    "KI 3": (_draw_ki3, "Right ankle, inner side"),
    "GB 30": (_draw_gb30, "Hips, from behind"),
}


def point_picture_codes() -> list[str]:
    """Return the point codes that have a drawing."""
    return list(_POINT_DRAWERS)


def _canvas(
    size: tuple[int, int], design: tuple[float, float], background: Colour
) -> tuple[Image.Image, _Painter]:
    """Make a supersampled canvas and a painter that fits the design in it."""
    width, height = size
    if width < 16 or height < 16:
        raise ValueError(f"picture size {size!r} is too small")
    big = (width * SUPERSAMPLE, height * SUPERSAMPLE)
    image = Image.new("RGB", big, background)
    scale = min(big[0] / design[0], big[1] / design[1])
    offset = ((big[0] - design[0] * scale) / 2, (big[1] - design[1] * scale) / 2)
    return image, _Painter(ImageDraw.Draw(image), scale, offset)


def _finish(image: Image.Image, size: tuple[int, int]) -> bytes:
    """Scale down the supersampled image and encode it as PNG."""
    small = image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def draw_point_picture(code: str, *, size: tuple[int, int] = (800, 600)) -> bytes:
    """Return a PNG picture that shows where the point ``code`` is.

    Raises ``KeyError`` for a code that has no drawing.
    """
    try:
        drawer, view = _POINT_DRAWERS[code]
    except KeyError:
        raise KeyError(f"no picture for point {code!r}") from None
    image, painter = _canvas(size, POINT_DESIGN, BACKGROUND)
    drawer(painter)
    _caption(painter, code, view)
    return _finish(image, size)


# --- Hero pictures ----------------------------------------------------------


def _soft_background(
    image: Image.Image, painter: _Painter, top: Colour, bottom: Colour
) -> Image.Image:
    """Fill with a vertical gradient and a few soft, see-through circles."""
    width, height = image.size
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(
        Image.new("RGB", image.size, bottom),
        Image.new("RGB", image.size, top),
        gradient,
    )
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    layer = _Painter(ImageDraw.Draw(overlay), painter.scale, painter.offset)
    layer.circle((1320, 180), 300, fill=(255, 255, 255, 90))  # type: ignore[arg-type]
    layer.circle((180, 820), 260, fill=(160, 196, 180, 60))  # type: ignore[arg-type]
    layer.circle((1500, 860), 220, fill=(236, 200, 160, 70))  # type: ignore[arg-type]
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def _hero_acupressure(image: Image.Image, painter: _Painter) -> Image.Image:
    """A person from behind with the lower-back points, and a large hand."""
    image = _soft_background(image, painter, (226, 238, 233), (247, 242, 232))
    painter = _Painter(ImageDraw.Draw(image), painter.scale, painter.offset)
    cx = 560.0
    # Arms hang behind the body outline, so draw them first.
    for side in (-1, 1):
        _silhouette(
            painter,
            capsules=[
                ((cx + side * 196, 330), (cx + side * 250, 620), 46),
                ((cx + side * 250, 620), (cx + side * 262, 860), 40),
            ],
        )
    body = _catmull_rom(
        [
            (cx - 60, 250),
            (cx - 200, 286),
            (cx - 232, 370),
            (cx - 200, 560),
            (cx - 186, 700),
            (cx - 226, 860),
            (cx - 232, 960),
            (cx + 232, 960),
            (cx + 226, 860),
            (cx + 186, 700),
            (cx + 200, 560),
            (cx + 232, 370),
            (cx + 200, 286),
            (cx + 60, 250),
        ]
    )
    _silhouette(
        painter,
        capsules=[((cx, 150), (cx, 170), 92), ((cx, 200), (cx, 268), 52)],
        polygons=[body],
    )
    painter.polygon(
        _catmull_rom(
            [
                (cx - 228, 830),
                (cx, 846),
                (cx + 228, 830),
                (cx + 250, 1000),
                (cx - 250, 1000),
            ],
            samples=10,
        ),
        fill=CLOTH,
        outline=CLOTH_LINE,
        width=4,
    )
    # Hair: a cap over the top and back of the head.
    painter.polygon(
        _catmull_rom(
            [
                (cx - 96, 150),
                (cx - 78, 84),
                (cx, 56),
                (cx + 78, 84),
                (cx + 96, 150),
                (cx + 70, 214),
                (cx, 232),
                (cx - 70, 214),
            ],
            samples=10,
        ),
        fill=(112, 84, 70),
    )
    y = 300.0
    while y < 800:
        painter.circle((cx, y), 9, fill=SKIN_SHADE)
        y += 34
    for side in (-1, 1):
        painter.marker((cx + side * 62, 640), radius=20)
    # A large left hand, drawn like the one in the point pictures.
    hand = _Painter(painter.draw, painter.scale * 1.05, painter.p((700, 140)))
    _hand_plain(hand)
    for mark in ((486, 346), (349, 372), (434, 372)):
        hand.marker(mark, radius=20)
    return image


def _hand_plain(painter: _Painter) -> None:
    """The left hand without landmark labels (for the hero picture)."""
    _hand_shape(painter, wrist_bottom=740)
    _knuckles(painter)
    painter.polygon(
        [(318, 600), (482, 600), (482, 760), (318, 760)],
        fill=CLOTH,
        outline=CLOTH_LINE,
        width=4,
    )


def _hero_posture(image: Image.Image, painter: _Painter) -> Image.Image:
    """A person sitting upright at a desk, seen from the side."""
    image = _soft_background(image, painter, (232, 238, 246), (248, 243, 234))
    painter = _Painter(ImageDraw.Draw(image), painter.scale, painter.offset)
    floor = 800.0
    wood, wood_line = (214, 186, 150), (138, 104, 70)
    metal = (120, 128, 140)
    painter.line([(120, floor), (1480, floor)], (190, 182, 170), width=6)
    # Desk.
    painter.rounded((860, 500, 1400, 530), 8, wood, wood_line, 4)
    painter.line([(1360, 530), (1360, floor)], wood_line, width=16)
    painter.line([(900, 530), (900, floor)], wood_line, width=16)
    # Screen on a stand, its top at eye level.
    painter.line([(1215, 500), (1215, 420)], metal, width=18)
    painter.rounded((1180, 490, 1250, 504), 4, metal)
    painter.rounded((1190, 232, 1240, 440), 12, (60, 70, 84), (40, 46, 56), 4)
    # Chair.
    painter.rounded((470, 560, 770, 596), 14, (92, 120, 150), (60, 84, 110), 4)
    backrest = _open_curve([(490, 560), (474, 470), (478, 380), (470, 300)], 6)
    painter.line(backrest, (60, 84, 110), width=34)
    painter.line(backrest, (92, 120, 150), width=24)
    painter.line([(620, 596), (620, 740)], metal, width=14)
    painter.line([(520, 760), (720, 760)], metal, width=12)
    for x in (520, 720):
        painter.circle((x, 772), 14, fill=(60, 70, 84))
    # Small cushion behind the lower back.
    painter.ellipse((520, 470), (24, 42), fill=(236, 170, 120), outline=(170, 110, 70))
    # The person (side view, facing right).
    shirt, shirt_line = (126, 170, 150), (70, 112, 94)
    trousers = (70, 86, 120)
    hip, knee, ankle = (600, 540), (800, 548), (806, floor - 44)
    _silhouette(
        painter,
        capsules=[(hip, knee, 46), (knee, ankle, 36)],
        fill=trousers,
        outline=(44, 56, 84),
    )
    _silhouette(
        painter,
        capsules=[((ankle[0] - 6, floor - 24), (ankle[0] + 90, floor - 24), 20)],
        fill=(60, 60, 66),
        outline=(30, 30, 34),
    )
    _silhouette(
        painter,
        capsules=[((600, 520), (604, 330), 66)],
        fill=shirt,
        outline=shirt_line,
    )
    _silhouette(painter, capsules=[((612, 250), (614, 240), 78)])  # head
    painter.polygon(
        _catmull_rom([(540, 236), (560, 176), (630, 162), (690, 200), (600, 222)]),
        fill=(90, 66, 54),
    )
    painter.circle((668, 250), 6, fill=(60, 44, 36))  # eye
    # Arm: upper arm down, forearm level to the desk.
    _silhouette(
        painter,
        capsules=[((606, 340), (640, 470), 26), ((640, 470), (860, 480), 22)],
        fill=shirt,
        outline=shirt_line,
    )
    painter.circle((880, 480), 22, fill=SKIN, outline=OUTLINE, width=3)
    # Line of sight to the top of the screen.
    painter.dashed((690, 250), (1180, 250), (70, 90, 120), width=4, dash=18, gap=12)
    return image


def _hero_generic(image: Image.Image, painter: _Painter) -> Image.Image:
    """A calm abstract picture for any other article."""
    image = _soft_background(image, painter, (228, 238, 236), (247, 243, 235))
    painter = _Painter(ImageDraw.Draw(image), painter.scale, painter.offset)
    for i, colour in enumerate([(150, 190, 176), (120, 166, 154), (96, 140, 132)]):
        wave = _open_curve(
            [
                (x, 620 + i * 70 + 40 * math.sin(x / 180 + i))
                for x in range(0, 1700, 100)
            ]
        )
        painter.line(wave, colour, width=14)
    painter.marker((800, 360), radius=60)
    return image


_HERO_DRAWERS: dict[str, Callable[[Image.Image, _Painter], Image.Image]] = {
    "acupressure-for-low-back-pain": _hero_acupressure,
    "sitting-and-standing-alignment": _hero_posture,
}


def draw_hero_picture(slug: str, *, size: tuple[int, int] = (1600, 900)) -> bytes:
    """Return a PNG hero picture for the article ``slug``.

    The two demo articles have their own pictures; any other slug gets a calm
    abstract one. The pictures hold no text.
    """
    image, painter = _canvas(size, HERO_DESIGN, BACKGROUND)
    drawer = _HERO_DRAWERS.get(slug, _hero_generic)
    image = drawer(image, painter)
    return _finish(image, size)


def pictures() -> dict[str, bytes]:
    """Every picture the fixture names, by its name under the media folder."""
    drawn = {}
    for row in ROWS:
        fields = row["fields"]
        if row["model"] == "routines.point" and fields["picture"]:
            size = (fields["picture_width"], fields["picture_height"])
            drawn[fields["picture"]] = draw_point_picture(fields["code"], size=size)
        elif row["model"] == "routines.article" and fields["hero_image"]:
            size = (fields["hero_width"], fields["hero_height"])
            drawn[fields["hero_image"]] = draw_hero_picture(fields["slug"], size=size)
    return drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="list the pictures that differ, write none"
    )
    args = parser.parse_args()
    drawn = pictures()
    differ = [
        name
        for name, data in drawn.items()
        if not (MEDIA / name).exists() or (MEDIA / name).read_bytes() != data
    ]
    for name in differ:
        print(f"{'differs' if args.check else 'written'}: {name}")
        if not args.check:
            (MEDIA / name).parent.mkdir(parents=True, exist_ok=True)
            (MEDIA / name).write_bytes(drawn[name])
    print(f"{len(differ)} of {len(drawn)} pictures differ from the committed files")
    sys.exit(1 if args.check and differ else 0)


if __name__ == "__main__":
    main()
