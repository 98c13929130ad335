"""Synthetic wire copy for benchmarks and scale tests: varied, quoted, dated, but never real news."""

from __future__ import annotations

import random
from pathlib import Path

_PEOPLE = [
    ("Kim Min-jae", "a trade ministry official"),
    ("Park Soo-yeon", "a professor at Yonsei University"),
    ("Hiroshi Tanaka", "a senior Japanese diplomat"),
    ("Choi Jin-woo", "a lawmaker of the ruling party"),
    ("Yuki Sato", "an economist at a Tokyo think tank"),
    ("Han Ji-won", "a researcher at the Asan Institute"),
]
_TOPICS = [
    "semiconductor supply chains",
    "rare earth exports",
    "fisheries quotas",
    "youth exchange programmes",
    "visa waivers for business travel",
    "joint disaster drills",
    "hydrogen energy research",
    "port logistics",
    "film co-productions",
    "tourism numbers",
    "currency swap lines",
    "maritime boundaries",
    "data protection rules",
    "aviation safety",
    "steel tariffs",
    "battery recycling",
    "space launch cooperation",
    "cyber security drills",
]
_PLACES = ["Busan", "Osaka", "Incheon", "Fukuoka", "Daegu", "Sapporo", "Gwangju", "Kobe", "Ulsan", "Sendai"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_MONTHS = ["March", "June", "October"]
_VERBS = ["said", "noted", "told reporters", "stressed", "added"]


def article_text(rng: random.Random, number: int) -> str:
    topic, other = rng.sample(_TOPICS, 2)
    place = rng.choice(_PLACES)
    name, role = rng.choice(_PEOPLE)
    surname = name.split()[0] if name.split()[0] in {"Kim", "Park", "Choi", "Han"} else name.split()[-1]
    paragraphs = [
        f"Officials from Seoul and Tokyo met in {place} on {rng.choice(_DAYS)} to discuss {topic}, "
        f"the {rng.randint(2, 9)}th round of talks on the issue this year.",
        f"“We made progress on {topic}, but {other} remains difficult,” said {name}, {role}.",
        f"{surname} {rng.choice(_VERBS)} that a working group would report by {rng.choice(_MONTHS)}.",
        f"The talks in {place} drew about {rng.randint(20, 400)} delegates, according to organisers, and "
        f"covered {other} as well as {rng.choice(_TOPICS)}.",
        f"“The next step is a ministerial meeting on {topic},” {rng.choice(['he', 'she'])} said, "
        f"adding that both sides wanted results before the end of the year.",
    ]
    return f"Talks in {place} on {topic} (report {number})\n\n" + "\n".join(paragraphs) + "\n"


def write_articles(directory: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` synthetic articles into ``directory``; deterministic for a given seed."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = directory / f"synthetic_{seed}_{i:05d}.txt"
        path.write_text(article_text(rng, i), encoding="utf-8")
        paths.append(path)
    return paths
