"""Rewrite index/data/english_stems.json: how often each word stem occurs in English at large (the summed
frequency of the words with that stem, per word of running text), from the wordfreq package's English
list. Answering pools the coverage's own document frequencies with passages of such English, so that a
question's focus words weigh the same whether ten articles are indexed or a thousand
(``index.store.lexical.steady_idf``). Stems rarer than MIN_FREQUENCY are left out: they weigh as unseen.

wordfreq is needed only here, not to answer:
Run:   .venv/bin/pip install wordfreq==3.1.1 && .venv/bin/python bench/english_stems.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.store.lexical import ENGLISH_STEMS  # noqa: E402
from index.text.tokens import tokenize  # noqa: E402

# One in a million words: a stem rarer than that adds well under one passage in a thousand to the prior.
MIN_FREQUENCY = 1e-6


def main() -> None:
    from importlib.metadata import version

    import wordfreq

    stems: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict("en").items():
        if frequency < MIN_FREQUENCY:
            continue
        # wordfreq folds digits into zeros ("2019" is "0000"): no figure is looked up by its digits.
        for stem in (t for t in tokenize(word) if not any(c.isdigit() for c in t)):
            stems[stem] = stems.get(stem, 0.0) + frequency
    data = {
        "source": f"wordfreq {version('wordfreq')}, English",
        "min_frequency": MIN_FREQUENCY,
        "stems": {stem: float(f"{f:.3g}") for stem, f in sorted(stems.items())},
    }
    ENGLISH_STEMS.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(stems):,} stems written to {ENGLISH_STEMS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
