"""`TutorService`: keeps the index in step with the bank and the user's notes, and answers questions.

Answers cite their passages. Offline the answer is extractive (the passages, key sentences flagged); with
a `ChatModel` it is a grounded reply with [n] citations, whole or streamed. Both refuse ("not in your
sources") when the best sentence of the best passage is less similar to the question than `min_support`;
the LLM may refuse on its own too. Bank items whose review is due never contribute their
answers, nor do items of a running mock interview: `protected()` maps their ids to the reason, and they
are dropped from the passages and listed in `Answer.withheld` instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from llmprep.backends.embedding.base import Embedder
from llmprep.backends.llm.base import ChatModel
from llmprep.domain.questions import Bank
from llmprep.errors import UserError
from llmprep.services.tutor.answers import (
    NOT_IN_SOURCES,
    Answer,
    Passage,
    Withheld,
    citations_in,
    grounded_messages,
    is_refusal_reply,
    to_passages,
)
from llmprep.services.tutor.index import SourceInfo, TutorIndex
from llmprep.services.tutor.ingest import bank_docs, note_doc, note_files, note_hash
from llmprep.services.tutor.retrieval import Hit, HybridRetriever

# Best-sentence cosine below which nothing counts as support; lexical hashing vectors score lower.
DEFAULT_MIN_SUPPORT = {"hashing": 0.2, "minilm": 0.45}


def default_min_support(embedder_name: str) -> float:
    """The refusal threshold suited to an embedder."""
    return DEFAULT_MIN_SUPPORT["hashing" if embedder_name.startswith("hashing") else "minilm"]


class Reporter(Protocol):
    """Progress sink for long operations (the CLI passes a Rich progress bar)."""

    def start(self, total: int, label: str) -> None:
        """A stage of `total` steps begins."""
        ...

    def advance(self, n: int = 1) -> None:
        """`n` more steps are done."""
        ...


class _Silent:
    def start(self, total: int, label: str) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


@dataclass(slots=True)
class NotesReport:
    """What `add_notes` did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TutorEvent:
    """One step of a streamed answer: 'sources' (passages), 'delta' (text) or 'done' (the Answer)."""

    kind: str
    data: Any


class TutorService:
    """Retrieval-augmented answers over the bank and the user's notes."""

    def __init__(
        self,
        bank: Bank,
        index: TutorIndex,
        embedder: Embedder,
        *,
        llm: ChatModel | None = None,
        protected: Callable[[], Mapping[str, str]] = dict,
        min_support: float | None = None,
    ) -> None:
        self.bank = bank
        self.index = index
        self.retriever = HybridRetriever(index, embedder)
        self.llm = llm
        self.protected = protected
        self.min_support = min_support if min_support is not None else default_min_support(embedder.name)
        self._bank_synced = False
        self._indexing = threading.RLock()  # one bank sync at a time (`serve` runs one in the background)
        self._progress = (0, 0)
        self.wait_for_index = True  # the web app sets False: never hold a request while indexing

    # -- indexing --------------------------------------------------------------------------------------

    def index_bank(self, reporter: Reporter | None = None, *, force: bool = False) -> int:
        """Index new or changed bank items and drop removed ones (once per process unless `force`)."""
        with self._indexing:
            if self._bank_synced and not force:
                return 0
            reporter = reporter or _Silent()
            docs = list(bank_docs(self.bank))
            reporter.start(len(docs), "Indexing the bank")
            self._progress = (0, len(docs))

            def advance(n: int = 1) -> None:
                self._progress = (self._progress[0] + n, self._progress[1])
                reporter.advance(n)

            changed = self.index.sync(docs, on_progress=advance)
            current = {d.id for d in docs}
            self.index.remove([sid for sid in self.index.hashes("bank") if sid not in current])
            self._bank_synced = True
            return changed

    def index_in_background(self) -> threading.Thread:
        """Start indexing the bank in a daemon thread; until it is done, questions get a 'still
        indexing' message instead of waiting (used by the web app, whose requests must not hang)."""
        self.wait_for_index = False
        thread = threading.Thread(target=self.index_bank, name="llmprep-tutor-index", daemon=True)
        thread.start()
        return thread

    def ensure_bank_index(self, *, wait: bool = True) -> None:
        """Make sure the bank is indexed; with `wait=False`, a sync already running elsewhere (the
        background indexing `serve` starts) raises a UserError saying how far it got instead of blocking."""
        if self._bank_synced:
            return
        if not self._indexing.acquire(blocking=wait):
            done, total = self._progress
            raise UserError(
                f"The tutor is still indexing the bank ({done} of {total} items done; the first run takes a "
                "minute or two).",
                "Ask again shortly; your question was not lost (it is still in the box).",
            )
        try:
            self.index_bank()
        finally:
            self._indexing.release()

    def add_notes(self, paths: Iterable[Path], reporter: Reporter | None = None) -> NotesReport:
        """Index note files (folders recursively), re-indexing only files whose content changed.

        Files that were indexed under a given folder but no longer exist there are removed.

        Raises:
            UserError: a path does not exist, or holds no supported file.
        """
        reporter = reporter or _Silent()
        roots = [Path(p).expanduser().resolve() for p in paths]
        missing = [str(p) for p in roots if not p.exists()]
        if missing:
            raise UserError(f"No such file or folder: {', '.join(missing)}.", "Check the path(s).")
        files = note_files(roots)
        if not files:
            raise UserError(
                "No notes found there.", "Add Markdown, text, HTML or PDF files (.md .txt .html .pdf)."
            )
        known = self.index.hashes("note")
        report = NotesReport()
        reporter.start(len(files), "Indexing notes")
        for path in files:
            sid, digest = f"note:{path}", note_hash(path)
            if known.get(sid) == digest:
                report.unchanged.append(str(path))
            else:
                self.index.sync([note_doc(path, digest)])
                (report.updated if sid in known else report.added).append(str(path))
            reporter.advance()
        present = {f"note:{f}" for f in files}
        for sid in known:
            loc = Path(sid.removeprefix("note:"))
            under = any(r == loc or r in loc.parents for r in roots if r.is_dir())
            if sid not in present and under and not loc.exists():
                self.index.remove([sid])
                report.removed.append(str(loc))
        return report

    def list_notes(self) -> list[SourceInfo]:
        """Indexed note files."""
        return self.index.sources("note")

    def remove_notes(self, paths: Iterable[Path]) -> list[str]:
        """Forget notes at or under these paths (the files themselves are untouched)."""
        roots = [Path(p).expanduser().resolve() for p in paths]
        gone = [
            s.location
            for s in self.index.sources("note")
            if any(Path(s.location) == r or r in Path(s.location).parents for r in roots)
        ]
        self.index.remove([f"note:{loc}" for loc in gone])
        return gone

    # -- answering -------------------------------------------------------------------------------------

    def retrieve(self, question: str, k: int = 4) -> tuple[list[Hit], list[Withheld]]:
        """The best k hits not from protected items, and which protected items matched."""
        if not question.strip():
            raise UserError("The question is empty.", 'Ask something, e.g. llmprep ask "why does GQA help?"')
        self.ensure_bank_index(wait=self.wait_for_index)
        protected = dict(self.protected())
        hits = self.retriever.search(question, k + len(protected) if protected else k)
        kept, withheld, seen = [], [], set()
        for hit in hits:
            item_id = hit.chunk.item_id
            if item_id and item_id in protected:
                if item_id not in seen:
                    seen.add(item_id)
                    withheld.append(Withheld(item_id, hit.chunk.title, protected[item_id]))
            else:
                kept.append(hit)
        return kept[:k], withheld

    def _passages(self, question: str, k: int) -> tuple[list[Passage], list[Withheld], bool]:
        hits, withheld = self.retrieve(question, k)
        supported = bool(hits) and hits[0].support >= self.min_support
        floor = self.min_support * 0.8
        chosen = [h for h in hits if h.support >= floor] if supported else hits
        return to_passages(chosen, min_key=floor), withheld, supported

    def ask(self, question: str, *, k: int = 4, use_llm: bool = True) -> Answer:
        """Answer from the sources: grounded LLM prose when configured (and `use_llm`), else extractive."""
        passages, withheld, supported = self._passages(question, k)
        if not supported or self.llm is None or not use_llm:
            mode = "llm" if (self.llm is not None and use_llm) else "extractive"
            text = "" if supported else NOT_IN_SOURCES
            return Answer(question, passages, supported, mode, text, withheld)
        reply = self.llm.complete(grounded_messages(question, passages))
        return self._finish(question, passages, withheld, reply)

    def stream(self, question: str, *, k: int = 4) -> Iterator[TutorEvent]:
        """Events of an answer: the passages first, then text deltas (LLM only), then the final Answer."""
        passages, withheld, supported = self._passages(question, k)
        yield TutorEvent("sources", passages)
        if not supported or self.llm is None:
            mode = "llm" if self.llm is not None else "extractive"
            text = "" if supported else NOT_IN_SOURCES
            yield TutorEvent("done", Answer(question, passages, supported, mode, text, withheld))
            return
        parts: list[str] = []
        for delta in self.llm.stream(grounded_messages(question, passages)):
            parts.append(delta)
            yield TutorEvent("delta", delta)
        yield TutorEvent("done", self._finish(question, passages, withheld, "".join(parts)))

    def _finish(self, question: str, passages: list[Passage], withheld: list[Withheld], reply: str) -> Answer:
        if is_refusal_reply(reply, passages):
            return Answer(question, passages, False, "llm", NOT_IN_SOURCES, withheld)
        cited = citations_in(reply, passages)
        return Answer(question, passages, True, "llm", reply.strip(), withheld, cited)
