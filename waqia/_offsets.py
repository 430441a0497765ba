"""The map from normalised-text offsets back to raw-text offsets.

Normalisation changes few characters in real text, so the map is stored sparsely: a list of
segments, each pairing a stretch of normalised text with a stretch of raw text. A *linear* segment
has equal lengths and maps character for character; any other segment is *atomic*: its normalised
characters together stand for its raw characters (a composed letter, a deleted tatweel, an inserted
space). A span that starts inside an atomic segment starts at the segment's raw start; one that ends
inside it ends at the segment's raw end, so a mapped span never cuts a raw character sequence that
normalisation treated as one unit.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# An edit replaces text[start:end] with `replacement`; edits are sorted and do not overlap.
Edit = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class _Segment:
    norm_start: int
    norm_end: int
    raw_start: int
    raw_end: int
    linear: bool


class OffsetMap:
    """Maps offsets in a normalised text to offsets in the raw text it came from."""

    __slots__ = ("_linear", "_norm_bp", "_raw_bp", "norm_length", "raw_length")

    def __init__(self, segments: Sequence[_Segment], norm_length: int, raw_length: int) -> None:
        self.norm_length = norm_length
        self.raw_length = raw_length
        merged: list[_Segment] = []
        raw_pos = 0
        for seg in [*segments, _Segment(norm_length, norm_length, raw_length, raw_length, False)]:
            if seg.raw_start > raw_pos:
                # raw text no segment claims was deleted: keep it as an empty normalised stretch
                merged.append(_Segment(seg.norm_start, seg.norm_start, raw_pos, seg.raw_start, False))
            raw_pos = max(raw_pos, seg.raw_end)
            if seg.norm_start == seg.norm_end and seg.raw_start == seg.raw_end:
                continue
            if merged and seg.linear and merged[-1].linear and merged[-1].raw_end == seg.raw_start:
                last = merged.pop()
                seg = _Segment(last.norm_start, seg.norm_end, last.raw_start, seg.raw_end, True)
            merged.append(seg)
        self._norm_bp = [s.norm_start for s in merged] + [norm_length]
        self._raw_bp = [s.raw_start for s in merged] + [raw_length]
        self._linear = [s.linear for s in merged]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([_Segment(0, length, 0, length, True)], length, length)

    @property
    def is_identity(self) -> bool:
        return (
            len(self._linear) <= 1
            and (not self._linear or self._linear[0])
            and (self.norm_length == self.raw_length)
        )

    def _segments(self) -> list[_Segment]:
        return [
            _Segment(self._norm_bp[i], self._norm_bp[i + 1], self._raw_bp[i], self._raw_bp[i + 1], lin)
            for i, lin in enumerate(self._linear)
        ]

    def to_raw_start(self, offset: int) -> int:
        """Raw offset at which the normalised character at ``offset`` begins."""
        if offset >= self.norm_length:
            return self.raw_length
        if offset <= 0 and self.is_identity:
            return 0
        bp = self._norm_bp
        # the last segment that starts at or before offset and is not empty on the normalised side
        i = bisect_right(bp, offset, 0, len(self._linear)) - 1
        while i > 0 and bp[i] == bp[i + 1]:
            i -= 1
        while bp[i] == bp[i + 1]:  # leading empty segments (raw text deleted before offset 0)
            i += 1
        if self._linear[i]:
            return self._raw_bp[i] + (offset - bp[i])
        return self._raw_bp[i]

    def to_raw_end(self, offset: int) -> int:
        """Raw offset just after the normalised character before ``offset``."""
        if offset <= 0:
            return self.to_raw_start(0) if self.norm_length else 0
        if offset > self.norm_length:
            offset = self.norm_length
        bp = self._norm_bp
        # the first segment that ends at or after offset and is not empty on the normalised side
        i = bisect_left(bp, offset, 1, len(self._linear) + 1) - 1
        while bp[i] == bp[i + 1]:
            i -= 1
        if self._linear[i]:
            return self._raw_bp[i] + (offset - bp[i])
        return self._raw_bp[i + 1]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the normalised span ``[start, end)``."""
        if self.is_identity:
            return start, end
        raw_start = self.to_raw_start(start)
        if end <= start:
            return raw_start, raw_start
        return raw_start, max(raw_start, self.to_raw_end(end))

    def then(self, text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
        """Apply ``edits`` to ``text`` (the normalised text of this map); return the new text and
        a map from the new text straight back to the raw text."""
        pieces: list[str] = []
        segments: list[_Segment] = []
        new_pos = 0
        cur = 0

        def copy(upto: int) -> None:
            nonlocal new_pos
            if upto <= cur:
                return
            for seg in self._clip(cur, upto):
                length = seg.norm_end - seg.norm_start
                segments.append(_Segment(new_pos, new_pos + length, seg.raw_start, seg.raw_end, seg.linear))
                new_pos += length
            pieces.append(text[cur:upto])

        for start, end, replacement in edits:
            if start < cur or end < start or end > len(text):
                raise ValueError(f"edits must be sorted and disjoint, got {(start, end)} after {cur}")
            copy(start)
            cur = start
            raw_start = self._cut(start, self.to_raw_start)
            raw_end = self._cut(end, self.to_raw_end) if end > start else raw_start
            segments.append(
                _Segment(new_pos, new_pos + len(replacement), raw_start, max(raw_start, raw_end), False)
            )
            new_pos += len(replacement)
            pieces.append(replacement)
            cur = end
        copy(len(text))
        return "".join(pieces), OffsetMap(segments, new_pos, self.raw_length)

    def _cut(self, offset: int, at_boundary: Callable[[int], int]) -> int:
        """Raw position of a cut made at normalised ``offset`` by a later edit.

        A cut strictly inside an atomic unit goes to the unit's raw end, because :meth:`_clip` gives
        the unit's raw text to the part before the cut; mapping the cut to the unit's start instead
        would send later text backwards.
        """
        bp = self._norm_bp
        i = bisect_right(bp, offset, 0, len(self._linear)) - 1
        if 0 <= i < len(self._linear) and bp[i] < offset < bp[i + 1] and not self._linear[i]:
            return self._raw_bp[i + 1]
        return at_boundary(offset)

    def _clip(self, start: int, end: int) -> list[_Segment]:
        """The segments covering normalised ``[start, end)``, cut to it."""
        out: list[_Segment] = []
        for seg in self._segments():
            if seg.norm_end <= start and not (seg.norm_start == seg.norm_end == start):
                continue
            if seg.norm_start >= end:
                break
            if seg.norm_start == seg.norm_end:
                out.append(seg)  # a deletion inside the copied stretch travels with it
                continue
            lo, hi = max(start, seg.norm_start), min(end, seg.norm_end)
            if seg.linear:
                shift = seg.raw_start - seg.norm_start
                out.append(_Segment(lo, hi, lo + shift, hi + shift, True))
            elif lo == seg.norm_start and hi == seg.norm_end:
                out.append(seg)
            elif lo == seg.norm_start:
                # an edit cut an atomic unit: its first part keeps all the raw text ...
                out.append(_Segment(lo, hi, seg.raw_start, seg.raw_end, False))
            else:
                # ... and the rest maps to an empty raw stretch at its end
                out.append(_Segment(lo, hi, seg.raw_end, seg.raw_end, False))
        return out


def apply_edits(raw: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply ``edits`` (sorted, disjoint, in raw offsets) to ``raw``."""
    return OffsetMap.identity(len(raw)).then(raw, edits)
