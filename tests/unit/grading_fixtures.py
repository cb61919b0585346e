"""A small hand-written grading task shared by the grading unit tests (hashing embedder, no model)."""

from __future__ import annotations

from llmprep.backends.embedding.hashing import HashingEmbedder
from llmprep.domain.grading import GradingTask
from llmprep.domain.questions import KeyPoint, Misconception
from llmprep.services.grading import RubricGrader

KV_TASK = GradingTask(
    prompt="What is the KV cache, and how much memory does it need?",
    reference_answer="The KV cache stores keys and values of past tokens. Memory grows linearly with context.",
    key_points=(
        KeyPoint(
            "The KV cache stores the keys and values of past tokens so they are not recomputed.",
            3,
            ("key|keys|K", "value|values|V"),
        ),
        KeyPoint("Memory grows linearly with context length and batch size.", 2),
        KeyPoint("About 0.5 MiB per token for a 7B model in fp16.", 1),
    ),
    misconceptions=(
        Misconception(
            "The KV cache also stores the queries of past tokens.",
            "Past queries are never needed again.",
        ),
    ),
    item_id="kv-test",
)


def hashing_grader() -> RubricGrader:
    """The rubric grader on the dependency-free embedder."""
    return RubricGrader(HashingEmbedder())


def verdict_of(grade_points: object, index: int) -> str:
    """The verdict of the index-th point of a grade (helper for readable asserts)."""
    return str(grade_points[index].verdict)  # type: ignore[index]
