"""Citation pieces every front end shares: the date as the article gives it, the paragraph and its kind."""

from __future__ import annotations

from datetime import date

from bot import messages

_MONTHS = "Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.".split()


def date_label(published: date | None, partial: str | None = None) -> str | None:
    """ "2026-01-07", or "Jan. 7 (no year given)" for a wire date without its year, or None."""
    if published is not None:
        return published.isoformat()
    if partial and len(partial) == 7 and partial.startswith("--"):
        month, day = int(partial[2:4]), int(partial[5:7])
        if 1 <= month <= 12:
            return messages.PARTIAL_DATE.format(month=_MONTHS[month - 1], day=day)
    return None


def paragraph_label(paragraph: int, kind: str) -> str:
    """ "¶12", "¶2 (photo caption)" or "¶10 (correction)"."""
    extra = {"caption": messages.CAPTION, "correction": messages.CORRECTION, "question": messages.QUESTION}.get(kind)
    return f"¶{paragraph}" + (f" ({extra})" if extra else "")
