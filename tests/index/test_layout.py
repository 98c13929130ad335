"""The shape of the index package: sub-packages in the order answering flows through them, no import
cycle between them, and nothing of the chat platforms."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

INDEX = Path(__file__).resolve().parents[2] / "index"


def _imports() -> dict[str, set[str]]:
    """Sub-package -> the other index sub-packages (or top-level modules) it imports at module level."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in INDEX.rglob("*.py"):
        parts = path.relative_to(INDEX).with_suffix("").parts
        unit = parts[0]
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("index."):
                target = node.module.split(".")[1]
                if target != unit:
                    edges[unit].add(target)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "bot":
                edges[unit].add("bot")
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node, [node])):
            return found
    return None


def test_the_sub_packages_import_each_other_without_a_cycle():
    assert _cycle(_imports()) is None, _cycle(_imports())


def test_the_index_knows_nothing_of_the_chat_platforms():
    assert not [unit for unit, targets in _imports().items() if "bot" in targets]


def test_the_cycle_check_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_answering_is_its_stages():
    stages = {p.stem for p in (INDEX / "answer").glob("*.py")}
    assert {"question", "needs", "retrieve", "rank", "decide", "assemble"} <= stages
    engine = (INDEX / "engine.py").read_text("utf-8")
    assert len(engine.splitlines()) < 150  # orchestration only


def test_the_question_is_analysed_once():
    """The readings of a question's text live in the analysis (question.py, needs.py); the later stages
    receive what it found and never call them."""
    readings = ("analyse(", "Expectation.of(", "unknown_names(", "referenced_articles(", "is_count_question(",
                "counted_nouns(", "counted_terms(")  # fmt: skip
    for stage in ("retrieve", "rank", "decide", "assemble"):
        source = (INDEX / "answer" / f"{stage}.py").read_text("utf-8")
        assert not [r for r in readings if r in source], stage
        if stage in ("rank", "assemble"):  # retrieve searches with the text; decide logs it
            assert "parsed.text" not in source and "question.text" not in source, stage
    engine = (INDEX / "engine.py").read_text("utf-8")
    assert engine.count("analyse(") == 1 and engine.count("understand(") == 1
