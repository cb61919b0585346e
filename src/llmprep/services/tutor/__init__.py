"""The tutor: retrieval-augmented, cited answers from the bank and the user's own notes.

Modules: `chunking` (structure-aware chunks), `documents` (Markdown/text/HTML/PDF to text), `ingest`
(bank items and note files to source documents), `index` (SQLite metadata + BM25 + a `VectorIndex`),
`retrieval` (RRF fusion and passage-level rerank), `answers` (extractive and grounded answers),
`service` (the use cases the CLI and web call).
"""

from llmprep.services.tutor.answers import Answer, Passage, Withheld
from llmprep.services.tutor.service import NotesReport, TutorEvent, TutorService

__all__ = ["Answer", "NotesReport", "Passage", "TutorEvent", "TutorService", "Withheld"]
