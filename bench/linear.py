"""Reading time grows linearly with paragraph length (issue: sentence splitting and attribution were
quadratic). Generated text of 50 KB, 200 KB and 1 MB, two shapes:

1. hard-wrapped copy with no blank lines (one paragraph of many sentences): parse_article;
2. one line with reporting verbs and names and no sentence end: find_people + attribute.

Prints seconds and microseconds per KB for each size; the goal is time per KB within 1.5x from 50 KB to
1 MB. Run: .venv/bin/python bench/linear.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.people.attribution import attribute  # noqa: E402
from index.people.registry import find_people  # noqa: E402
from seeds_loader import parse_article  # noqa: E402

SIZES = (50_000, 200_000, 1_000_000)
_SENTENCE = (
    "Prime Minister Sanae Takaichi said on Tuesday that the talks with President Lee Jae Myung in Nara "
    "had gone well, and Mr. Lee told reporters the two sides agreed on DNA tests of the remains. "
)
_RUN_ON = "Lee said the talks went well and Takaichi added that the ministers told reporters about the tests and "


def wrapped(size: int) -> str:
    words = (_SENTENCE * (size // len(_SENTENCE) + 1))[:size].split()
    lines, line = [], []
    for word in words:
        line.append(word)
        if sum(len(w) + 1 for w in line) > 70:
            lines.append(" ".join(line))
            line = []
    return "Headline of the long story\n\n" + "\n".join(lines) + "\n"


def run_on(size: int) -> str:
    return "Headline of the long line\n\n" + (_RUN_ON * (size // len(_RUN_ON) + 1))[:size] + "\n"


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    _attribute(parse_article(run_on(2000), "warm.txt"))  # load the language pipeline before timing
    for name, make, work in (
        ("split (wrapped, no blank lines)", wrapped, lambda text: parse_article(text, "long.txt")),
        ("attribution (one line, no end)", run_on, lambda text: _attribute(parse_article(text, "line.txt"))),
    ):
        rates = []
        for size in SIZES:
            text = make(size)
            seconds = timed(lambda text=text, work=work: work(text))
            rates.append(seconds / (size / 1000))
            print(f"{name:<34} {size // 1000:>5} KB  {seconds:7.2f} s  {rates[-1] * 1e6:8.0f} µs/KB")
        print(f"{name:<34} time per KB, 1 MB against 50 KB: {rates[-1] / rates[0]:.2f}x (goal <= 1.5x)")


def _attribute(article) -> None:  # type: ignore[no-untyped-def]
    attribute([article], find_people([article]))


if __name__ == "__main__":
    main()
