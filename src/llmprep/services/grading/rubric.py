"""`RubricGrader`: per-key-point verdicts from clause embeddings plus lexical evidence, then guards.

For every key point the answer's units (sentences, clauses of long sentences) are compared by cosine with
the point, and by words (`lexical`: point-specific content-word overlap and required-term aliases), which
puts a floor under the cosine for terse or symbolic clauses ("memory is 2 x layers x heads ...", "GQA
reduces it."); the best units are then checked for what both miss (negation flips, reversed comparatives,
rival numbers, missing required terms) and the point is judged covered / partial / missing with those
units as evidence. Confidence falls when points sit near a threshold or when words and cosine disagree. Units that are injections, bare term lists, copies of the question, gibberish or
statements of a misconception earn nothing. The score is `rubric_score` of the verdicts, less a penalty
per misconception; empty and off-topic answers score 0. In reference-only mode the key points are the
reference's claims and an optional monotone calibration maps the continuous rubric signal to the score.
It deliberately has no learned weights beyond that map and never sees a gold score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from llmprep.backends.embedding.base import Embedder, Vectors
from llmprep.backends.embedding.cached import CachedEmbedder
from llmprep.domain.grading import Grade, GradingTask, MisconceptionHit, PointVerdict, Verdict, rubric_score
from llmprep.domain.questions import KeyPoint
from llmprep.services.grading import cues, guards, lexical
from llmprep.services.grading.calibration import Calibration, load_calibration
from llmprep.services.grading.feedback import compose, quote
from llmprep.services.grading.reference import derive_key_points
from llmprep.services.grading.text import Unit, content_words, normalise, units, words

VERSION = "rubric-1.1"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Cosine cut-offs; they depend on the embedder (MiniLM cosines run higher than hashed ones)."""

    covered: float = 0.62
    partial: float = 0.45
    misconception: float = 0.70
    off_topic: float = 0.22
    contradiction_penalty: float = 0.30
    ownership_margin: float = 0.15
    misconception_penalty: float = 1.5
    lexical_covered: float = 0.75  # weighted content-word overlap at which a unit alone covers a point
    lexical_partial: float = 0.45  # ... and at which it earns partial credit
    lexical_min_cosine: float = 0.1  # below this cosine the words are taken as coincidence

    @classmethod
    def for_embedder(cls, name: str) -> Thresholds:
        """Defaults tuned for the embedder called `name`."""
        if name.startswith("hashing"):
            return cls(covered=0.55, partial=0.35, misconception=0.60, off_topic=0.08)
        return cls()


@dataclass(slots=True)
class _Answer:
    """An answer split into units, with the ones that may earn credit and the flags raised on the way."""

    units: list[Unit]
    valid: list[Unit]
    flags: list[str] = field(default_factory=list)
    whole: str = ""


@dataclass(frozen=True, slots=True)
class _Match:
    """The outcome for one key point before it becomes a `PointVerdict`."""

    adjusted: float
    raw: float
    evidence: tuple[str, ...]
    note: str
    disagreement: bool = False  # lexical and embedding evidence point to different verdicts


class RubricGrader:
    """The default, offline grader: explainable verdicts per key point, manipulation-resistant."""

    def __init__(
        self,
        embedder: Embedder,
        *,
        thresholds: Thresholds | None = None,
        calibration: Calibration | None = None,
        calibrated: bool = True,
        cache_answers: bool = False,
    ) -> None:
        self.embedder = embedder
        if calibration is None and calibrated:
            packaged = load_calibration()
            calibration = packaged if packaged is not None and packaged.embedder == embedder.name else None
        # Answers bypass the persistent cache: they are rarely repeated and are the user's private text.
        # (`cache_answers` is for re-running benchmarks and calibration quickly.)
        uncached = isinstance(embedder, CachedEmbedder) and not cache_answers
        self._answer_embedder = (
            embedder.inner if isinstance(embedder, CachedEmbedder) and uncached else embedder
        )
        self.thresholds = thresholds or Thresholds.for_embedder(embedder.name)
        self.calibration = calibration
        self.version = VERSION if calibration is None else f"{VERSION}+{calibration.name}"

    def grade(self, task: GradingTask, answer: str) -> Grade:
        """Grade `answer` for `task` (see the module docstring for how)."""
        return self.grade_with_signal(task, answer)[0]

    def grade_with_signal(self, task: GradingTask, answer: str) -> tuple[Grade, float]:
        """The grade and the continuous rubric signal in [0, 1] it came from (what calibration maps)."""
        derived = not task.key_points
        points = task.key_points or derive_key_points(task.reference_answer)
        text = normalise(answer)
        if len(content_words(text[:4000])) < 3 or not points:
            return self._empty(points, injected=guards.is_injection(text[:4000])), 0.0
        parsed = self._parse(task, text)
        vectors = self._embed(task, points, parsed)
        return self._judge(task, points, parsed, vectors, derived=derived)

    def _empty(self, points: tuple[KeyPoint, ...], *, injected: bool) -> Grade:
        verdicts = [PointVerdict(p.text, p.weight, "missing", 0.0) for p in points]
        flags = ["empty", "prompt-injection"] if injected else ["empty"]
        return Grade(
            0.0, tuple(verdicts), compose(0.0, verdicts, [], flags), self.version, 0.95, flags=tuple(flags)
        )

    def _parse(self, task: GradingTask, text: str) -> _Answer:
        """Split into units and set aside the ones that may not earn credit."""
        found, truncated = units(text)
        parsed = _Answer(found, [], ["truncated"] if truncated else [])
        about_injection = guards.is_injection_topic(task.prompt, task.reference_answer)
        lists_expected = guards.asks_for_list(task.prompt)
        kinds: dict[str, int] = {
            "prompt-injection": 0,
            "keyword-stuffing": 0,
            "copied-question": 0,
            "gibberish": 0,
        }
        points = task.key_points or derive_key_points(task.reference_answer)
        vocabulary = guards.term_vocabulary(
            [
                task.prompt,
                *(p.text for p in points),
                *(a for p in points for g in p.term_aliases() for a in g),
            ]
        )
        for unit in found:
            kind = self._manipulation(task, unit.text, about_injection, lists_expected, vocabulary)
            if kind:
                kinds[kind] += len(words(unit.text))
            else:
                parsed.valid.append(unit)
        total = max(1, sum(len(words(u.text)) for u in found))
        for kind, count in kinds.items():
            if count and (kind == "prompt-injection" or count / total >= 0.3):
                parsed.flags.append(kind)
        parsed.whole = " ".join(u.text for u in parsed.valid)
        return parsed

    @staticmethod
    def _manipulation(
        task: GradingTask, unit: str, about_injection: bool, lists_expected: bool, vocabulary: frozenset[str]
    ) -> str:
        """The kind of manipulation this unit is, or ''."""
        if guards.is_injection(unit, topic_is_injection=about_injection):
            return "prompt-injection"
        if guards.is_gibberish(unit):
            return "gibberish"
        if not lists_expected and guards.is_bare_list(unit, vocabulary):
            return "keyword-stuffing"
        new_words = set(content_words(unit)) - set(content_words(task.prompt))
        if guards.copied_share(unit, task.prompt) >= 0.85 and len(new_words) < 2:
            return "copied-question"
        return ""

    def rubric_texts(self, task: GradingTask) -> list[str]:
        """The question-side texts embedded for `task` (key points, beliefs, prompt, reference)."""
        return self._rubric_texts(task, task.key_points or derive_key_points(task.reference_answer))

    def _rubric_texts(self, task: GradingTask, points: tuple[KeyPoint, ...]) -> list[str]:
        beliefs = [m.belief for m in task.misconceptions]
        return [p.text for p in points] + beliefs + [task.prompt, task.reference_answer]

    def prepare(self, task: GradingTask) -> None:
        """Embed the task's rubric texts now (they are cached), so the first grade is as fast as the rest."""
        self.embedder.embed(self.rubric_texts(task))

    def _embed(self, task: GradingTask, points: tuple[KeyPoint, ...], parsed: _Answer) -> dict[str, Vectors]:
        """Rubric texts through the (cached) embedder, the answer's units in one uncached batch."""
        rubric = self.embedder.embed(self._rubric_texts(task, points))
        answer = self._answer_embedder.embed([u.text for u in parsed.valid])
        # The whole answer is the normalised mean of its units: nearly what embedding it would give, free.
        whole = answer.mean(axis=0) if len(answer) else np.zeros(rubric.shape[1], dtype=np.float32)
        whole = whole / max(float(np.linalg.norm(whole)), 1e-12)
        n_p, n_m = len(points), len(task.misconceptions)
        return {
            "points": rubric[:n_p],
            "beliefs": rubric[n_p : n_p + n_m],
            "prompt": rubric[n_p + n_m],
            "reference": rubric[n_p + n_m + 1],
            "units": answer,
            "whole": whole.astype(np.float32),
        }

    def _judge(
        self,
        task: GradingTask,
        points: tuple[KeyPoint, ...],
        parsed: _Answer,
        vectors: dict[str, Vectors],
        *,
        derived: bool,
    ) -> tuple[Grade, float]:
        """Verdicts, misconceptions, guards, the score and the rubric signal."""
        sims = vectors["units"] @ vectors["points"].T  # (units, points)
        hits, hit_rows = self._misconceptions(
            task, points, parsed.valid, sims, vectors["units"] @ vectors["beliefs"].T
        )
        sims[list(hit_rows), :] = -1.0  # a stated misconception supports no key point
        plain = sims.copy()  # before the ownership discount: what the lexical guard compares with
        if sims.size:
            # A unit is evidence only for the points it is (nearly) closest to: a sentence about GQA does
            # not also cover the paging point just because both talk about the cache.
            nearest = sims.max(axis=1, keepdims=True)
            sims = np.where(sims < nearest - self.thresholds.ownership_margin, sims - 0.2, sims)
        whole_text = parsed.whole
        # Derived key points are whole reference sentences with no term aliases, and the SAF calibration
        # was fit to the cosine signal; on SAF, word overlap changed Pearson by under 0.01, so it stays off.
        lexicons = lexical.lexicons(points, task.prompt, enabled=not derived)
        matches = [
            self._match(kp, parsed.valid, (sims[:, j], plain[:, j]), whole_text, lexicons[j])
            for j, kp in enumerate(points)
        ]
        verdicts = [self._verdict(kp, m) for kp, m in zip(points, matches, strict=True)]
        flags = list(parsed.flags)
        relevance = self._relevance(sims, vectors)
        if parsed.valid and relevance < self.thresholds.off_topic:
            flags.append("off-topic")
        signal = 0.0 if "off-topic" in flags else self.soft_credit(matches, points, derived=derived)
        score = self._score(verdicts, signal, hits, flags, derived)
        confidence = self._confidence(matches, flags)
        feedback = compose(score, verdicts, hits, flags)
        grade = Grade(
            score, tuple(verdicts), feedback, self.version, round(confidence, 2), tuple(hits), tuple(flags)
        )
        return grade, signal

    def _relevance(self, sims: Vectors, vectors: dict[str, Vectors]) -> float:
        """How much the answer is about this question at all: best of unit, whole-answer and context cosines."""
        whole = vectors["whole"]
        best_unit = float(sims.max()) if sims.size else 0.0
        context = max(float(whole @ vectors["prompt"]), float(whole @ vectors["reference"]))
        return max(best_unit, context)

    def _misconceptions(
        self,
        task: GradingTask,
        points: tuple[KeyPoint, ...],
        valid: list[Unit],
        sims: Vectors,
        belief_sims: Vectors,
    ) -> tuple[list[MisconceptionHit], set[int]]:
        """Misconceptions the answer states.

        A unit states one when it is at least as close to the belief as to any key point, has the same
        polarity, and uses a word that sets the belief apart from the key points ('queries' in "the KV cache
        also stores the queries"), so a correct sentence on the same subject is not taken for it.
        """
        hits: list[MisconceptionHit] = []
        rows: set[int] = set()
        if not valid or not task.misconceptions:
            return hits, rows
        best_point = sims.max(axis=1) if sims.size else np.zeros(len(valid))
        point_words = {w for kp in points for w in content_words(kp.text)}
        for j, wrong in enumerate(task.misconceptions):
            distinct = [w for w in content_words(wrong.belief) if w not in point_words]
            order = np.argsort(-belief_sims[:, j])
            for i in order[:3]:
                sim = float(belief_sims[i, j])
                unit = valid[int(i)].text
                if sim < self.thresholds.misconception or sim < float(best_point[i]) - 0.02:
                    break
                if cues.is_negation_flipped(wrong.belief, unit) or cues.flipped_opposites(wrong.belief, unit):
                    continue
                if distinct and not cues.shares_word(distinct, unit):
                    continue
                hits.append(MisconceptionHit(wrong.belief, wrong.why_wrong, unit))
                rows.add(int(i))
                break
        return hits, rows

    def _lexical_floor(self, lexicon: lexical.PointLexicon, unit: str, raw: float) -> float:
        """The adjusted similarity the unit's words alone justify (0 when they justify nothing).

        Overlap ramps from partial to covered between `lexical_partial` and `lexical_covered`; naming a
        required term or alias of the point in a real sentence earns at least partial.
        """
        t = self.thresholds
        if raw < t.lexical_min_cosine:
            return 0.0
        share = lexicon.overlap(unit)
        floor = 0.0
        if share >= t.lexical_partial:
            ramp = min(1.0, (share - t.lexical_partial) / (t.lexical_covered - t.lexical_partial))
            floor = t.partial + ramp * (t.covered - t.partial)
        if lexicon.has_alias(unit):
            floor = max(floor, t.partial + 0.01)
        return floor

    def _match(
        self,
        kp: KeyPoint,
        valid: list[Unit],
        columns: tuple[Vectors, Vectors],
        whole: str,
        lexicon: lexical.PointLexicon,
    ) -> _Match:
        """The best supporting units for one key point, after contradiction and number checks.

        `columns` holds the units' cosines with the point after and before the ownership discount.
        """
        t = self.thresholds
        column, plain = columns
        floors = [self._lexical_floor(lexicon, u.text, float(plain[i])) for i, u in enumerate(valid)]
        combined = np.maximum(column, np.asarray(floors, dtype=np.float32)) if valid else column
        scored: list[tuple[float, float, str, str]] = []
        disagreement = False
        for rank, i in enumerate(np.argsort(-combined)[:4]):
            raw = float(column[i])
            if float(combined[i]) < t.partial - 0.1:
                break
            if rank == 0:
                disagreement = (floors[int(i)] >= t.partial) != (raw >= t.partial)
            unit = valid[int(i)].text
            adjusted, note = float(combined[i]), ""
            agrees, rival = cues.number_agreement(kp.text, unit)
            flips = cues.flipped_opposites(kp.text, unit)
            if flips:
                adjusted -= t.contradiction_penalty
                note = f"says '{flips[0][1]}' where the point says '{flips[0][0]}'."
            elif cues.is_negation_flipped(kp.text, unit):
                adjusted -= t.contradiction_penalty
                note = "seems to state the opposite (negation)."
            elif rival:
                adjusted -= t.contradiction_penalty
                note = "gives a different number."
            elif agrees:
                adjusted += 0.05
            if note:  # a contradicted unit never supports the point, however close its wording
                adjusted = min(adjusted, t.partial - 0.01)
            scored.append((adjusted, raw, unit, note))
        if not scored:
            best_raw = float(column.max()) if column.size else 0.0
            return _Match(best_raw, best_raw, (), "")
        scored.sort(key=lambda s: -s[0])
        best = scored[0]
        evidence: list[str] = []
        for adjusted, _, unit, note in scored:
            strong = adjusted >= max(t.partial, best[0] - 0.05) and not note
            # A clause and the sentence it came from are one piece of evidence, not two.
            if strong and not any(unit in e or e in unit for e in evidence):
                evidence.append(unit)
        note = best[3]
        missing = cues.missing_terms(whole, kp.term_aliases())
        if missing and best[0] >= t.partial:
            note = f"does not name {', '.join(repr(m) for m in missing)}."
            return _Match(
                min(best[0], t.covered - 0.01), best[1], tuple(evidence) or (best[2],), note, disagreement
            )
        return _Match(best[0], best[1], tuple(evidence) if not note else (best[2],), note, disagreement)

    def _verdict(self, kp: KeyPoint, match: _Match) -> PointVerdict:
        t = self.thresholds
        verdict: Verdict = "missing"
        if match.adjusted >= t.covered:
            verdict = "covered"
        elif match.adjusted >= t.partial:
            verdict = "partial"
        evidence = match.evidence if verdict != "missing" else ()
        note = match.note if (verdict != "covered" and match.raw >= t.partial) else ""
        if note and verdict == "missing" and match.evidence:
            note = f"Your {quote(match.evidence[0], 70)} {note}"
        return PointVerdict(kp.text, kp.weight, verdict, round(match.adjusted, 3), evidence, note)

    def soft_credit(
        self, matches: list[_Match], points: tuple[KeyPoint, ...], *, derived: bool = False
    ) -> float:
        """The continuous rubric signal in [0, 1]: weighted mean of each point's ramp between thresholds.

        With derived key points only the best 70% count: a short answer need not restate every sentence of
        a reference, some of which are alternatives or hints to the human grader.
        """
        t = self.thresholds
        low = t.partial - (t.covered - t.partial)
        credits = [
            (p.weight, min(1.0, max(0.0, (m.adjusted - low) / (t.covered - low))))
            for p, m in zip(points, matches, strict=True)
        ]
        if derived:
            credits.sort(key=lambda c: -c[1])
            credits = credits[: max(1, math.ceil(0.7 * len(credits)))]
        total = sum(w for w, _ in credits) or 1.0
        return sum(w * c for w, c in credits) / total

    def _score(
        self,
        verdicts: list[PointVerdict],
        signal: float,
        hits: list[MisconceptionHit],
        flags: list[str],
        derived: bool,
    ) -> float:
        if "off-topic" in flags:
            return 0.0
        if derived and self.calibration is not None:
            base = self.calibration.apply(signal)
        else:
            base = rubric_score(verdicts)
        penalty = min(
            2 * self.thresholds.misconception_penalty, len(hits) * self.thresholds.misconception_penalty
        )
        return round(min(10.0, max(0.0, base - penalty)), 1)

    def _confidence(self, matches: list[_Match], flags: list[str]) -> float:
        """How far the verdicts are from flipping, scaled to [0.1, 0.95].

        Starts from the mean distance of each point's evidence from its nearest threshold, then drops with
        the share of points sitting near a threshold and the share where lexical and embedding evidence
        disagree: either way a reasonable reader could give another verdict.
        """
        if "off-topic" in flags or "prompt-injection" in flags:
            return 0.9
        if not matches:
            return 0.5
        t = self.thresholds
        margins = [
            min(1.0, min(abs(m.adjusted - t.covered), abs(m.adjusted - t.partial)) / 0.12) for m in matches
        ]
        near = sum(1 for m in margins if m < 0.35) / len(margins)
        disagree = sum(1 for m in matches if m.disagreement) / len(matches)
        value = 0.3 + 0.65 * (sum(margins) / len(margins)) - 0.25 * near - 0.35 * disagree
        value *= 0.7 if "truncated" in flags else 1.0
        return min(0.95, max(0.1, value))
