"""Grading answers: the `Grader` role and the offline `RubricGrader`.

The `Grader` protocol itself lives in `llmprep.domain.grading` (re-exported here). Modules: `text` (normalising and splitting answers), `cues` (negation, opposites,
terms, numbers), `guards` (manipulation checks), `reference` (key points from a reference answer),
`lexical` (word-overlap evidence), `rubric` (the grader), `calibration` (the monotone score map),
`feedback` (the text shown), `agreement` (benchmark metrics), `published` (the agreement figures shown
to users), `judge` (the optional LLM second opinion, through a `ChatModel` port). Nothing here does I/O
except `calibration` and `published` reading and writing their packaged JSON.
"""

from llmprep.domain.grading import Grader
from llmprep.services.grading.calibration import Calibration, load_calibration
from llmprep.services.grading.rubric import VERSION, RubricGrader, Thresholds

__all__ = ["VERSION", "Calibration", "Grader", "RubricGrader", "Thresholds", "load_calibration"]
