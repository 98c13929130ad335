"""Answering a question, as stages that pass typed objects: the question is analysed once
(``question.analyse``, then ``needs.understand`` against the coverage), candidates are retrieved (``retrieve``), their
sentences scored and ranked (``rank``), one calibrated decision answers or refuses (``decide``), and the
``Answer`` is assembled (``assemble``). ``index.engine.Engine`` only orchestrates them."""

from index.answer.types import Answer, AnswerPassage, Claim, Disagreement, Refusal

__all__ = ["Answer", "AnswerPassage", "Claim", "Disagreement", "Refusal"]
