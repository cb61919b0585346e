"""Mock composition, follow-up selection, kit rubrics and the hire rule: pure domain, no I/O."""

from __future__ import annotations

from collections import Counter

import pytest

from llmprep.domain.documents import Bars, Bullets, Document, Heading, TableBlock, to_markdown
from llmprep.domain.kits import (
    KitPoint,
    derive_anchors,
    essential_flags,
    question_from_item,
    recommend,
    rubric_from_grade,
    suggested_score,
    time_plan,
)
from llmprep.domain.mocks import (
    ChallengeRef,
    MockSpec,
    check_spec,
    compose,
    followup_depth,
    next_followup,
    question_score,
    topic_weights,
)
from llmprep.domain.questions import Followup, Item, ItemId, KeyPoint, Misconception, Topic
from llmprep.services.kits import split_transcript

TOPICS = {
    t: Topic(t, t.title(), "", {"intern": 2, "scientist": w, "engineer": 3 - w + 1})
    for t, w in [
        ("pretraining", 3),
        ("alignment", 3),
        ("rag", 1),
        ("deployment", 1),
        ("inference", 2),
        ("system-design", 1),
        ("behavioral", 2),
        ("coding", 3),
    ]
}


def _item(
    i: str,
    topic: str,
    type_: str = "concept",
    levels: tuple[str, ...] = ("intern", "scientist", "engineer"),
    followups: tuple[Followup, ...] = (),
) -> Item:
    return Item(
        ItemId(i),
        i.title(),
        f"Explain {i}.",
        type_,
        topic,
        levels,
        "medium",
        "answer",  # type: ignore[arg-type]
        (KeyPoint("one", 3), KeyPoint("two", 2), KeyPoint("three", 1)),
        followups=followups,
    )


BANK = (
    [
        _item(f"{t}-{n}", t)
        for t in ("pretraining", "alignment", "rag", "deployment", "inference")
        for n in range(6)
    ]
    + [_item(f"design-{n}", "system-design", "design") for n in range(3)]
    + [_item(f"scenario-{n}", "rag", "scenario") for n in range(2)]
    + [_item(f"story-{n}", "behavioral", "behavioral") for n in range(3)]
    + [_item("scientist-only", "pretraining", levels=("scientist",))]
)
DRILLS = ("kv-cache", "training-flops")


@pytest.mark.parametrize("minutes", [15, 30, 45, 60, 90])
def test_compose_is_balanced_and_fills_the_length(minutes: int) -> None:
    comp = compose(
        MockSpec("engineer", minutes, "big-tech", (), 11),
        BANK,
        TOPICS,
        [ChallengeRef("bpe", "coding", ("engineer",))],
        DRILLS,
    )
    kinds = Counter(s.kind for s in comp.slots)
    assert kinds["design"] == 1 and kinds["practical"] == 1 and kinds["concept"] >= 1
    assert kinds["behavioral"] == (1 if minutes >= 45 else 0)
    practical = next(s for s in comp.slots if s.kind == "practical")
    assert practical.ref.startswith("challenge:" if minutes >= 60 else "drill:")
    assert sum(s.minutes for s in comp.slots) == pytest.approx(minutes, abs=0.1)
    assert len({s.ref for s in comp.slots}) == len(comp.slots)
    assert [s.kind for s in comp.slots] == sorted(
        (s.kind for s in comp.slots), key=["concept", "design", "practical", "behavioral"].index
    )


def test_compose_is_deterministic_for_a_seed_and_varies_across_seeds() -> None:
    spec = MockSpec("scientist", 45, "frontier-lab", (), 3)
    assert compose(spec, BANK, TOPICS, (), DRILLS) == compose(spec, BANK, TOPICS, (), DRILLS)
    refs = {
        tuple(
            s.ref
            for s in compose(MockSpec("scientist", 45, "frontier-lab", (), n), BANK, TOPICS, (), DRILLS).slots
        )
        for n in range(10)
    }
    assert len(refs) > 1


def test_compose_respects_role_levels_and_chosen_topics() -> None:
    for seed in range(20):
        eng = compose(MockSpec("engineer", 90, "big-tech", (), seed), BANK, TOPICS, (), DRILLS)
        assert "scientist-only" not in {s.ref for s in eng.slots}
        only = compose(MockSpec("engineer", 30, "big-tech", ("rag",), seed), BANK, TOPICS, (), DRILLS)
        assert {s.topic for s in only.slots if s.kind == "concept"} == {"rag"}


def test_company_profile_shifts_the_topic_mix() -> None:
    def share(profile: str, topics: set[str]) -> float:
        c = Counter(
            s.topic
            for n in range(60)
            for s in compose(MockSpec("engineer", 60, profile, (), n), BANK, TOPICS, (), DRILLS).slots
            if s.kind == "concept"
        )
        return sum(c[t] for t in topics) / sum(c.values())

    research = {"pretraining", "alignment"}
    assert share("frontier-lab", research) > share("ai-startup", research) + 0.15
    weights = topic_weights(TOPICS, "engineer", "ai-startup")
    assert weights["rag"] > TOPICS["rag"].weights["engineer"]


def test_check_spec_lists_every_problem() -> None:
    problems = check_spec(MockSpec("ceo", 5, "bank", ("nope",)), TOPICS)
    assert len(problems) == 4


LADDER = (
    Followup("Why does the cache grow with batch size?", ("Each sequence has its own cache.",)),
    Followup(
        "How does grouped-query attention change the formula?", ("KV heads are shared across query heads.",)
    ),
    Followup("What does paged attention solve?", ("Fragmentation of contiguous buffers.",)),
    Followup("A rung without expected points", ()),
)


def test_first_followup_targets_the_missed_key_points() -> None:
    missed = ["Grouped-query attention shrinks the cache by sharing key/value heads across query heads."]
    assert next_followup(LADDER, missed, [], None) == 1
    assert next_followup(LADDER, [], [], None) == 0  # nothing missed: start at the top of the ladder


def test_followups_go_deeper_while_the_candidate_keeps_up() -> None:
    assert next_followup(LADDER, [], [1], 7.0) == 2
    assert next_followup(LADDER, [], [0], 7.0) == 1
    assert next_followup(LADDER, [], [1], 3.0) is None  # scored low: stop
    assert next_followup(LADDER, [], [0, 1, 2], 9.0) is None  # ladder ended (the last rung is ungradable)
    assert next_followup(LADDER[:2], [], [1], 8.0) == 0  # nothing deeper left: an earlier open rung
    assert followup_depth([8.0, 6.0, 2.0]) == 2 and followup_depth([]) == 0
    assert question_score(8.0, []) == 8.0 and question_score(8.0, [4.0]) == 7.0


def test_recommendation_rule_by_level() -> None:
    assert recommend("junior", [3, 3, 3]).outcome == "hire"
    assert recommend("senior", [3, 3, 3]).outcome == "lean hire"
    assert recommend("staff", [3, 3, 3]).outcome == "lean no hire"
    assert recommend("mid", [2, 2, 1]).outcome == "no hire"
    vetoed = recommend("senior", [4, 4, 4, 1])
    assert vetoed.outcome == "lean no hire" and vetoed.vetoed and "caps" in vetoed.rule
    assert recommend("junior", [4, 4, 4, 1]).outcome == "hire"  # no veto below senior
    empty = recommend("mid", [None, None])
    assert empty.outcome == "not scored yet" and empty.mean is None and empty.total == 2
    assert recommend("mid", [3, None]).scored == 1


def test_anchors_are_derived_from_key_points_when_missing() -> None:
    assert essential_flags([3, 2, 1]) == [True, True, False]
    assert essential_flags([1, 1]) == [True, True]
    item = Item(
        ItemId("x"),
        "X",
        "Explain X.",
        "concept",
        "rag",
        ("engineer",),
        "easy",
        "A",
        (KeyPoint("Alpha matters.", 3), KeyPoint("Beta too.", 1)),
        misconceptions=(Misconception("X is Y", "it is not"),),
        followups=(Followup("Deeper?", ("Gamma",)),),
    )
    q = question_from_item(item, 5)
    assert set(q.anchors) == {1, 2, 3, 4}
    assert "Alpha matters" in q.anchors[3] and "Beta too" not in q.anchors[3] and "Beta too" in q.anchors[4]
    assert "Gamma" in q.green_flags and q.red_flags[0].startswith("X is Y")
    given = Item(
        **{
            **{f: getattr(item, f) for f in item.__slots__},
            "anchors": ((1, "a"), (2, "b"), (3, "c"), (4, "d")),
        }
    )  # type: ignore[arg-type]
    assert question_from_item(given, 5).anchors == {1: "a", 2: "b", 3: "c", 4: "d"}
    assert derive_anchors([KitPoint("P", 1, True)])[2].startswith("Some")
    assert suggested_score(q, []) == 1 and suggested_score(q, [1]) == 2
    assert suggested_score(q, [0]) == 3 and suggested_score(q, [0, 1]) == 4
    assert [rubric_from_grade(s) for s in (0, 3, 6, 9)] == [1, 2, 3, 4]
    plan = time_plan(45, [q, q])
    assert plan[0].start == 0 and plan[-1].label.startswith("Candidate") and plan[1].start == 3


def test_transcript_split_by_markers_and_by_content() -> None:
    a = question_from_item(_item("kv", "inference"), 5)
    b = question_from_item(
        Item(
            ItemId("rag"),
            "Retrieval",
            "How does retrieval augmented generation work?",
            "concept",
            "rag",
            ("engineer",),
            "easy",
            "",
            (KeyPoint("retrieve chunks"),),
        ),
        5,
    )
    parts = split_transcript("Q1: about kv\nmore\nQuestion 2 - retrieval answer", (a, b))
    assert parts == {0: "about kv\nmore", 1: "retrieval answer"}
    parts = split_transcript(
        "Explain kv one two.\n\nRetrieval augmented generation retrieves chunks.", (a, b)
    )
    assert set(parts) == {0, 1} and "chunks" in parts[1]


def test_markdown_document_renders_every_block() -> None:
    doc = Document("T", "sub").add(
        Heading("H"),
        Bullets(("a", "b"), checkbox=True),
        TableBlock(("x", "y"), (("1", "a|b"),)),
        Bars("B", (("t", 5.0),)),
    )
    md = to_markdown(doc)
    assert md.startswith("# T") and "- [ ] a" in md and "a\\|b" in md and "██████████" in md


def test_behavioral_rule_can_be_overridden_for_kits() -> None:
    spec = MockSpec("engineer", 37, "big-tech", (), 4)
    assert "behavioral" not in {s.kind for s in compose(spec, BANK, TOPICS, (), DRILLS).slots}
    assert "behavioral" in {s.kind for s in compose(spec, BANK, TOPICS, (), DRILLS, behavioral=True).slots}
