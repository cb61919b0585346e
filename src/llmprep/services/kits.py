"""Interviewer mode: build a kit for a role, level and length; score candidates against it live or from a
pasted transcript; total and recommend by level; export kits and scorecards as documents.

A kit's questions come from the same balanced composition as a mock (`llmprep.domain.mocks.compose`)
with the kit's minutes minus introductions and wrap-up; practical slots become estimation questions with
their worked numbers. Transcript grading splits the text at question markers ("Q1", "Question 2:",
"## 3") or, without markers, gives each paragraph to the question whose prompt it shares most words with,
then grades each part with the rubric grader against the question's key points.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from llmprep.domain.documents import Bullets, Document, Heading, Para, TableBlock
from llmprep.domain.estimation import make_drill
from llmprep.domain.grading import Grader, GradingTask
from llmprep.domain.kits import (
    SENIORITY,
    Kit,
    KitQuestion,
    Mark,
    Recommendation,
    Scorecard,
    question_from_item,
    question_from_steps,
    recommend,
    rubric_from_grade,
    suggested_score,
    wrap_minutes,
)
from llmprep.domain.mocks import PROFILE_LABELS, ROLE_LABELS, MockSpec, check_spec, compose
from llmprep.domain.questions import Bank, KeyPoint
from llmprep.errors import NotFoundError, UserError
from llmprep.store.interviews import InterviewStore

_MARKER = re.compile(r"^\s*(?:#+\s*|\*\*)?(?:Q|Question)\s*(\d+)\b[.:)\-\s]*", re.I | re.M)
_WORD = re.compile(r"[a-z0-9]{3,}")
MAX_TRANSCRIPT = 200_000


def _now() -> datetime:
    return datetime.now(UTC)


class KitService:
    """Use cases of interviewer kits and scorecards."""

    def __init__(
        self,
        bank: Bank,
        store: InterviewStore,
        grader: Grader,
        drill_kinds: list[str],
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.bank = bank
        self.store = store
        self.grader = grader
        self.drill_kinds = drill_kinds
        self.clock = clock

    def build(
        self,
        role: str,
        level: str,
        minutes: int,
        profile: str = "big-tech",
        topics: tuple[str, ...] = (),
        seed: int = 0,
    ) -> Kit:
        """Compose and store a kit."""
        problems = check_spec(MockSpec(role, minutes, profile, topics), self.bank.topics)
        if level not in SENIORITY:
            problems.append(f"level must be one of {', '.join(SENIORITY)}, not '{level}'")
        if problems:
            raise UserError("The kit settings are not valid.", "Correct the listed fields.", details=problems)
        seed = seed or random.SystemRandom().randrange(1, 2**31 - 1)
        inner = max(10, int(minutes - wrap_minutes(minutes)))
        comp = compose(
            MockSpec(role, inner, profile, topics, seed),
            self.bank.servable(),
            self.bank.topics,
            (),
            self.drill_kinds,
            behavioral=minutes >= 45,
        )
        questions: list[KitQuestion] = []
        for slot in comp.slots:
            if slot.ref.startswith("drill:"):
                _, kind, dseed = slot.ref.split(":")
                d = make_drill(kind, int(dseed))
                questions.append(
                    question_from_steps(
                        slot.ref,
                        f"Estimation: {d.title}",
                        d.question,
                        d.steps,
                        f"{d.answer_text}. {d.solution}",
                        slot.minutes,
                    )
                )
            else:
                item = self.bank.get(slot.ref)
                if item is not None:
                    questions.append(question_from_item(item, slot.minutes))
        if not questions:
            raise UserError("No questions fit these settings.", "Choose another role or fewer topic filters.")
        title = f"{ROLE_LABELS[role]} · {level} · {minutes} min · {PROFILE_LABELS[profile]}"
        return self.store.add_kit(
            Kit(0, title, role, level, minutes, profile, seed, tuple(questions), self.clock())
        )

    def get(self, kit_id: int) -> Kit:
        """A kit or NotFoundError."""
        kit = self.store.get_kit(kit_id)
        if kit is None:
            raise NotFoundError(
                f"No kit {kit_id}.", "Build one on the Interviewer page or with 'llmprep kit build'."
            )
        return kit

    def all(self) -> list[Kit]:
        """Every kit, newest first."""
        return self.store.list_kits()

    # --- scorecards ------------------------------------------------------------------------------------
    def new_scorecard(self, kit_id: int, candidate: str, level: str | None = None) -> Scorecard:
        """An empty live scorecard for a candidate."""
        kit = self.get(kit_id)
        name = candidate.strip()[:200] or "Candidate"
        lvl = level if level in SENIORITY else kit.level
        now = self.clock()
        return self.store.add_scorecard(Scorecard(0, kit.id, name, lvl, "live", {}, "", now, now))

    def scorecard(self, card_id: int) -> tuple[Scorecard, Kit]:
        """A scorecard with its kit, or NotFoundError."""
        card = self.store.get_scorecard(card_id)
        if card is None:
            raise NotFoundError(f"No scorecard {card_id}.", "Scorecards are listed on their kit's page.")
        return card, self.get(card.kit_id)

    def mark(self, card_id: int, index: int, ticks: list[int], score: int | None, notes: str) -> Scorecard:
        """Record the interviewer's marks for one question; with no score given, the ticks suggest one."""
        card, kit = self.scorecard(card_id)
        if not 0 <= index < len(kit.questions):
            raise UserError(f"Question {index + 1} is not in this kit.", f"Choose 1-{len(kit.questions)}.")
        q = kit.questions[index]
        clean = tuple(sorted({t for t in ticks if 0 <= t < len(q.points)}))
        if score is not None and score not in (1, 2, 3, 4):
            raise UserError("A score is 1, 2, 3 or 4.", "Pick the anchor the answer reached.")
        marks = dict(card.marks)
        marks[index] = Mark(
            clean,
            score if score is not None else (suggested_score(q, clean) if clean else None),
            notes.strip()[:5000],
        )
        card = replace(card, marks=marks, updated_at=self.clock())
        self.store.save_scorecard(card)
        return card

    def save_notes(self, card_id: int, notes: str, candidate: str | None = None) -> Scorecard:
        """Overall notes (and the candidate's name)."""
        card, _kit = self.scorecard(card_id)
        card = replace(
            card,
            notes=notes.strip()[:20000],
            candidate=(candidate or card.candidate).strip()[:200],
            updated_at=self.clock(),
        )
        self.store.save_scorecard(card)
        return card

    def recommendation(self, card: Scorecard, kit: Kit) -> Recommendation:
        """Totals and the hire / no-hire recommendation for the card's level."""
        return recommend(card.level, card.scores(len(kit.questions)))

    def grade_transcript(self, kit_id: int, transcript: str, candidate: str = "") -> Scorecard:
        """Split a pasted transcript by question, grade each part against the kit, store a scorecard."""
        kit = self.get(kit_id)
        text = transcript.replace("\r\n", "\n").strip()
        if not text:
            raise UserError(
                "The transcript is empty.", "Paste the interview text, ideally with 'Q1', 'Q2' markers."
            )
        if len(text) > MAX_TRANSCRIPT:
            raise UserError(
                f"The transcript has {len(text):,} characters; the limit is {MAX_TRANSCRIPT:,}.",
                "Paste only the interview itself.",
            )
        parts = split_transcript(text, kit.questions)
        marks: dict[int, Mark] = {}
        for i, part in parts.items():
            q = kit.questions[i]
            task = GradingTask(q.prompt, q.answer, tuple(KeyPoint(p.text, p.weight) for p in q.points))
            grade = self.grader.grade(task, part)
            ticks = tuple(n for n, p in enumerate(grade.points) if p.verdict == "covered")
            marks[i] = Mark(
                ticks,
                rubric_from_grade(grade.score),
                f"Graded from the transcript: {grade.score:.1f}/10. {grade.feedback}"[:5000],
            )
        now = self.clock()
        name = candidate.strip()[:200] or "Candidate (transcript)"
        return self.store.add_scorecard(
            Scorecard(
                0,
                kit.id,
                name,
                kit.level,
                "transcript",
                marks,
                f"Graded from a pasted transcript ({len(text):,} characters).",
                now,
                now,
            )
        )


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def split_transcript(text: str, questions: tuple[KitQuestion, ...]) -> dict[int, str]:
    """Question index -> the transcript text about it (see the module docstring)."""
    found = list(_MARKER.finditer(text))
    parts: dict[int, list[str]] = {}
    if found:
        for m, nxt in zip(found, [*found[1:], None], strict=True):
            n = int(m.group(1)) - 1
            if 0 <= n < len(questions):
                parts.setdefault(n, []).append(text[m.end() : nxt.start() if nxt else len(text)].strip())
    else:
        vocab = [
            _words(q.title + " " + q.prompt + " " + " ".join(p.text for p in q.points)) for q in questions
        ]
        current = 0
        for para in (p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()):
            w = _words(para)
            scores = [len(w & v) / (len(v) or 1) for v in vocab]
            best = max(range(len(questions)), key=lambda i: (scores[i], -i))
            if scores[best] > 0.05:
                current = best
            parts.setdefault(current, []).append(para)
    return {i: "\n\n".join(p) for i, p in sorted(parts.items()) if "".join(p).strip()}


def kit_document(kit: Kit) -> Document:
    """The kit for the interviewer: time plan, then per question the rubric, flags and scoring sheet."""
    doc = Document(
        f"Interview kit #{kit.id}: {kit.title}",
        f"{len(kit.questions)} questions · created {kit.created_at:%Y-%m-%d %H:%M} UTC · seed {kit.seed}",
    )
    doc.add(
        Heading("Time plan"),
        TableBlock(
            ("Start", "Minutes", "Block"),
            tuple((f"{r.start:g}", f"{r.minutes:g}", r.label) for r in kit.plan),
            (0.8, 0.8, 6.0),
        ),
    )
    for n, q in enumerate(kit.questions, 1):
        doc.add(Heading(f"Q{n}. {q.title} ({q.type}, {q.topic}, {q.minutes:g} min)"), Para(q.prompt))
        doc.add(
            Heading("Rubric", 3),
            TableBlock(
                ("Score", "What the answer contains"),
                tuple((str(k), v) for k, v in sorted(q.anchors.items())),
                (0.6, 7.0),
            ),
        )
        doc.add(Heading("Green flags", 3), Bullets(q.green_flags))
        doc.add(Heading("Red flags", 3), Bullets(q.red_flags or ("(none listed)",)))
        if q.followups:
            doc.add(Heading("Follow-ups", 3), Bullets(tuple(f[0] for f in q.followups)))
        doc.add(
            Heading("Scoring sheet", 3),
            Bullets(tuple(("[essential] " if p.essential else "") + p.text for p in q.points), checkbox=True),
            Para("Score:  1 ☐   2 ☐   3 ☐   4 ☐        Notes: ____________________________________"),
        )
    return doc


def scorecard_document(card: Scorecard, kit: Kit, rec: Recommendation) -> Document:
    """A scored candidate: per question score, points ticked, notes, and the recommendation with its rule."""
    mean = f"{rec.mean:.2f}" if rec.mean is not None else "—"
    doc = Document(
        f"Scorecard #{card.id}: {card.candidate}",
        f"Kit #{kit.id} {kit.title} · level {card.level} · {card.source} · updated {card.updated_at:%Y-%m-%d %H:%M} UTC",
    )
    doc.add(
        Heading(f"Recommendation: {rec.outcome}"),
        Para(
            f"Mean score {mean} over {rec.scored}/{rec.total} scored questions."
            + (" Capped by a question scored 1." if rec.vetoed else "")
        ),
        Para(f"Rule: {rec.rule}", muted=True),
    )
    rows = []
    for i, q in enumerate(kit.questions):
        m = card.marks.get(i, Mark())
        rows.append(
            (str(i + 1), q.title, str(m.score or "—"), f"{len(m.ticks)}/{len(q.points)}", m.notes[:300])
        )
    doc.add(
        Heading("Questions"),
        TableBlock(("#", "Question", "Score", "Points", "Notes"), tuple(rows), (0.4, 3.2, 0.7, 0.8, 3.5)),
    )
    for i, q in enumerate(kit.questions):
        m = card.marks.get(i, Mark())
        doc.add(
            Heading(f"Q{i + 1}. {q.title}", 3),
            Bullets(tuple(("✓ " if n in m.ticks else "✗ ") + p.text for n, p in enumerate(q.points))),
        )
    if card.notes:
        doc.add(Heading("Notes"), Para(card.notes))
    return doc
