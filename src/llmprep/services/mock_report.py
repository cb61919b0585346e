"""The report of a finished mock: per question and per topic scores, key points made and missed, follow-up
depth, time used, strengths, gaps and a study plan, as a JSON-ready dict stored with the mock (so past
reports stay as they were), plus its `Document` form for the Markdown and PDF exports.

Thresholds: a question or topic scoring >= 7 is a strength, < 5 a gap; the study plan lists each item
scoring < 7 (with the key points missed) and its related items, weakest first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from llmprep.domain.challenges import Challenge
from llmprep.domain.documents import Bars, Bullets, Document, Heading, Para, TableBlock
from llmprep.domain.estimation import make_drill
from llmprep.domain.mocks import PROFILE_LABELS, ROLE_LABELS, Mock, Slot, Turn, followup_depth, question_score
from llmprep.domain.questions import Bank

STRONG, WEAK = 7.0, 5.0


def slot_view(
    slot: Slot,
    bank: Bank,
    titles: dict[str, str],
    challenges: Callable[[], dict[str, Challenge]] | None = None,
) -> dict[str, str]:
    """Title, prompt (and starter code, for a challenge) of a slot; the model answer under 'answer'."""
    if slot.ref.startswith("drill:"):
        _, kind, seed = slot.ref.split(":")
        drill = make_drill(kind, int(seed))
        return {
            "title": f"Estimation: {drill.title}",
            "prompt": drill.question,
            "answer": f"{drill.answer_text}. {drill.solution}",
        }
    if slot.ref.startswith("challenge:"):
        slug = slot.ref.split(":", 1)[1]
        ch = challenges().get(slug) if challenges else None
        return {
            "title": f"Coding: {titles.get(slug, slug)}",
            "prompt": ch.statement if ch else slug,
            "starter": ch.starter if ch else "",
            "answer": "See the reference solution with 'llmprep challenge'.",
        }
    item = bank.get(slot.ref)
    if item is None:
        return {
            "title": slot.ref,
            "prompt": f"(question '{slot.ref}' is no longer in the bank)",
            "answer": "",
        }
    return {"title": item.title, "prompt": item.prompt, "answer": item.answer}


def _question(
    index: int, slot: Slot, turns: list[Turn], bank: Bank, titles: dict[str, str]
) -> dict[str, Any]:
    info = slot_view(slot, bank, titles)
    mine = [t for t in turns if t.slot_index == index]
    main = next((t for t in mine if t.rung is None), None)
    follow = [t for t in mine if t.rung is not None]
    item = bank.get(slot.ref)
    reached = main is not None and not main.skipped
    fscores = [t.score for t in follow]
    return {
        "index": index,
        "kind": slot.kind,
        "ref": slot.ref,
        "item_id": item.id if item is not None else None,
        "title": info["title"],
        "prompt": info["prompt"],
        "topic": slot.topic,
        "budget_min": slot.minutes,
        "status": "answered" if reached else ("skipped" if main is not None else "not reached"),
        "main_score": main.score if main else 0.0,
        "score": question_score(main.score, fscores) if reached and main else 0.0,
        "answer": main.answer if main else "",
        "made": [str(p["text"]) for p in (main.points if main else []) if p.get("verdict") == "covered"],
        "partly": [str(p["text"]) for p in (main.points if main else []) if p.get("verdict") == "partial"],
        "missed": [str(p["text"]) for p in (main.points if main else []) if p.get("verdict") == "missing"],
        "followups": [
            {
                "question": t.prompt,
                "answer": t.answer,
                "score": t.score,
                "missed": [str(p["text"]) for p in t.points if p.get("verdict") != "covered"],
            }
            for t in follow
        ],
        "depth": followup_depth(fscores),
        "ladder": len(item.followups) if item is not None else 0,
        "time_s": round(sum(t.time_s for t in mine), 1),
        "model_answer": info["answer"],
        "related": [r for r in (item.related if item is not None else ()) if bank.get(r) is not None],
    }


def build_report(
    mock: Mock, turns: list[Turn], bank: Bank, titles: dict[str, str], now: datetime
) -> dict[str, Any]:
    """The report of a mock from its turns (unanswered questions count 0)."""
    qs = [_question(i, s, turns, bank, titles) for i, s in enumerate(mock.slots)]
    by_topic: dict[str, list[float]] = {}
    for q in qs:
        by_topic.setdefault(q["topic"], []).append(q["score"])
    topics: list[dict[str, Any]] = sorted(
        (
            {
                "topic": t,
                "name": bank.topics[t].name if t in bank.topics else t,
                "score": round(sum(v) / len(v), 1),
                "questions": len(v),
            }
            for t, v in by_topic.items()
        ),
        key=lambda d: (-float(d["score"]), str(d["name"])),
    )
    overall = round(sum(q["score"] for q in qs) / len(qs), 1) if qs else 0.0
    strengths = [f"{t['name']} ({t['score']:.1f}/10)" for t in topics if t["score"] >= STRONG]
    strengths += [f"Kept up with {q['depth']} follow-up(s) on '{q['title']}'" for q in qs if q["depth"] >= 2]
    gaps = [f"{t['name']} ({t['score']:.1f}/10)" for t in reversed(topics) if t["score"] < WEAK]
    gaps += [f"Not reached: '{q['title']}'" for q in qs if q["status"] == "not reached"]
    return {
        "mock_id": mock.id,
        "role": mock.spec.role,
        "role_label": ROLE_LABELS.get(mock.spec.role, mock.spec.role),
        "profile": mock.spec.profile,
        "profile_label": PROFILE_LABELS.get(mock.spec.profile, mock.spec.profile),
        "minutes": mock.spec.minutes,
        "topics_chosen": list(mock.spec.topics),
        "seed": mock.spec.seed,
        "started_at": mock.started_at.isoformat(),
        "finished_at": now.isoformat(),
        "time_used_s": round(sum(t.time_s for t in turns), 1),
        "overall": overall,
        "answered": sum(q["status"] == "answered" for q in qs),
        "total": len(qs),
        "questions": qs,
        "topics": topics,
        "strengths": strengths,
        "gaps": gaps,
        "study_plan": _study_plan(qs, bank),
    }


def _study_plan(qs: list[dict[str, Any]], bank: Bank) -> list[dict[str, Any]]:
    plan: list[dict[str, Any]] = []
    seen: set[str] = set()
    for q in sorted(qs, key=lambda q: q["score"]):
        if q["score"] >= STRONG:
            continue
        if q["item_id"] and q["item_id"] not in seen:
            seen.add(q["item_id"])
            missed = q["missed"] + q["partly"]
            reason = (
                f"scored {q['score']:.1f}; missed: {'; '.join(_short(m) for m in missed[:2])}"
                if missed and q["status"] == "answered"
                else f"{q['status']} in the mock"
            )
            plan.append({"item_id": q["item_id"], "title": q["title"], "reason": reason})
        elif not q["item_id"]:
            plan.append(
                {
                    "item_id": None,
                    "title": q["title"],
                    "reason": f"scored {q['score']:.1f}: practise more of these",
                }
            )
        for rid in q["related"][:2]:
            rel = bank.get(rid)
            if rel is not None and rid not in seen:
                seen.add(rid)
                plan.append({"item_id": rid, "title": rel.title, "reason": f"related to '{q['title']}'"})
    return plan


def _short(text: str, limit: int = 90) -> str:
    text = text.rstrip(". ")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def report_document(report: dict[str, Any], base_url: str = "") -> Document:
    """The report as a document (for Markdown and PDF)."""
    started = report["started_at"][:16].replace("T", " ")
    doc = Document(
        f"Mock interview report #{report['mock_id']}",
        f"{report['role_label']} · {report['profile_label']} · {report['minutes']} min · {started} UTC · "
        f"overall {report['overall']:.1f}/10 · {report['answered']}/{report['total']} answered · "
        f"time used {_minutes(report['time_used_s'])}",
    )
    doc.add(Bars("Score per topic (0-10)", tuple((t["name"], t["score"]) for t in report["topics"])))
    doc.add(Heading("Strengths"), Bullets(tuple(report["strengths"]) or ("None above 7/10 yet.",)))
    doc.add(Heading("Gaps"), Bullets(tuple(report["gaps"]) or ("No topic below 5/10.",)))
    doc.add(
        Heading("Questions"),
        TableBlock(
            ("#", "Question", "Topic", "Score", "Follow-ups", "Time"),
            tuple(
                (
                    str(q["index"] + 1),
                    q["title"],
                    q["topic"],
                    f"{q['score']:.1f}",
                    f"{q['depth']}/{len(q['followups'])} of {q['ladder']}",
                    _minutes(q["time_s"]),
                )
                for q in report["questions"]
            ),
            (0.4, 4.2, 1.6, 0.8, 1.3, 0.8),
        ),
    )
    for q in report["questions"]:
        doc.add(Heading(f"Q{q['index'] + 1}. {q['title']} — {q['score']:.1f}/10 ({q['status']})", 3))
        if q["made"]:
            doc.add(Para("Key points made:"), Bullets(tuple(q["made"])))
        if q["partly"] or q["missed"]:
            doc.add(Para("Key points missed or only partly made:"), Bullets(tuple(q["partly"] + q["missed"])))
        for n, f in enumerate(q["followups"], 1):
            doc.add(Para(f"Follow-up {n} ({f['score']:.1f}/10): {f['question']}", muted=True))
        if q["model_answer"]:
            doc.add(Para("Model answer: " + " ".join(q["model_answer"].split())[:1500], muted=True))
    plan = tuple(
        f"{p['title']} — {p['reason']}" + (f" ({base_url}/q/{p['item_id']})" if p["item_id"] else "")
        for p in report["study_plan"]
    )
    doc.add(Heading("Study plan"), Bullets(plan or ("Nothing urgent: keep reviewing what is due.",)))
    return doc


def trend(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """(date, overall, role) points of past reports, oldest first, with the change from the previous one."""
    out: list[dict[str, Any]] = []
    for r in reports:
        prev = out[-1]["overall"] if out else None
        out.append(
            {
                "mock_id": r["mock_id"],
                "date": r["started_at"][:10],
                "overall": r["overall"],
                "role": r["role_label"],
                "minutes": r["minutes"],
                "change": None if prev is None else round(r["overall"] - prev, 1),
            }
        )
    return out
