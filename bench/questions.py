"""The questions the chat latency benches ask (both platforms ask the same, so their figures compare)."""

QUESTIONS = [
    "what did Lee say about China-Japan quarrels?",
    "What pressure is the US putting on both countries?",
    "Who said the most important thing is to keep the shuttle meetings going?",
    "How many times have Lee and Takaichi met?",
]
