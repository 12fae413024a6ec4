"""Fitting text into a slide's text frame without a renderer: an estimate of each line's
width from per-character widths (proportional sans fonts such as Calibri, DejaVu Sans or
Liberation Sans), wrapped at words, shrunk a point at a time until it fits.

The estimate errs wide (a typical sans font sets text narrower), so text measured to fit
here fits where the deck is shown; a word longer than a line is cut with "…".
"""

from __future__ import annotations

from dataclasses import dataclass

#: Width of characters in em (share of the font size): those of DejaVu Sans, the widest
#: common fallback (a deck made for Calibri is shown with it where Calibri is missing),
#: so the estimate errs on the safe side.
_NARROW = set("iljtf.,;:'!|()[] ")
_WIDE = set("mwMW@%")
_CAPITAL = 0.72
_LOWER = 0.60
LINE_SPACING = 1.2  # line height as a share of the font size
POINTS_PER_INCH = 72.0


def char_width(ch: str) -> float:
    if ch in _NARROW:
        return 0.30
    if ch in _WIDE:
        return 0.90
    if ch.isupper():
        return _CAPITAL
    if ch.isdigit():
        return 0.64
    return _LOWER


def text_width(text: str, size_pt: float) -> float:
    """The estimated width of ``text`` set at ``size_pt``, in points."""
    return sum(char_width(ch) for ch in text) * size_pt


def wrap(text: str, size_pt: float, width_pt: float) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width_pt`` (each paragraph of
    it on its own lines); a word wider than a line is cut with "…"."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            if text_width(word, size_pt) > width_pt:
                while word and text_width(word + "…", size_pt) > width_pt:
                    word = word[:-1]
                word += "…"
            trial = f"{line} {word}" if line else word
            if text_width(trial, size_pt) <= width_pt:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


@dataclass(frozen=True, slots=True)
class Fit:
    size_pt: float
    lines: list[str]

    def height(self) -> float:
        return len(self.lines) * self.size_pt * LINE_SPACING


def fit_text(
    text: str, width_pt: float, height_pt: float, largest: float, smallest: float = 9.0
) -> Fit:
    """The largest size from ``largest`` down to ``smallest`` at which ``text`` wraps into
    the frame; at ``smallest`` the lines that do not fit are dropped, the last ending "…"."""
    size = largest
    while True:
        lines = wrap(text, size, width_pt)
        fit = Fit(size, lines)
        if fit.height() <= height_pt or size <= smallest:
            break
        size -= 1.0
    room = max(1, int(height_pt // (size * LINE_SPACING)))
    if len(fit.lines) > room:
        kept = fit.lines[:room]
        last = kept[-1]
        while last and text_width(last + " …", size) > width_pt:
            last = last[:-1]
        kept[-1] = last.rstrip() + " …"
        fit = Fit(size, kept)
    return fit
