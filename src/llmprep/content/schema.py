"""The schema of a bank item file, as pydantic models (validation only; the domain uses dataclasses).

One item per YAML file under `content/bank/<topic>/<id>.yaml`. The models are strict: unknown fields are
errors, so a typo in a field name is reported instead of silently ignored.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class KeyPointModel(_Strict):
    text: str = Field(min_length=8, description="A checkable claim, phrased as a statement.")
    weight: float = Field(default=1.0, gt=0, le=5)
    terms: list[str] = Field(
        default_factory=list,
        description="Required terms; aliases separated by '|', e.g. 'KV cache|key-value cache'.",
    )


class MisconceptionModel(_Strict):
    belief: str = Field(min_length=8)
    why_wrong: str = Field(min_length=8)


class FollowupModel(_Strict):
    question: str = Field(min_length=8)
    expected_points: list[str] = Field(min_length=1)


class ReferenceModel(_Strict):
    title: str = Field(min_length=3)
    url: str = ""


class ItemModel(_Strict):
    id: str
    title: str = Field(min_length=3, max_length=160)
    prompt: str = Field(min_length=8)
    type: Literal["concept", "coding", "design", "scenario", "behavioral", "estimation"]
    topic: str
    tags: list[str] = Field(default_factory=list)
    levels: list[Literal["intern", "scientist", "engineer"]] = Field(min_length=1)
    difficulty: Literal["easy", "medium", "hard"]
    answer: str = Field(min_length=40)
    key_points: list[KeyPointModel] = Field(min_length=2, max_length=10)
    misconceptions: list[MisconceptionModel] = Field(default_factory=list)
    followups: list[FollowupModel] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    references: list[ReferenceModel] = Field(default_factory=list)
    covers: list[int] = Field(default_factory=list)
    anchors: dict[int, str] = Field(
        default_factory=dict, description="Optional 1-4 anchored rubric for interviewer kits."
    )
    draft: bool = False

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not SLUG.match(v):
            raise ValueError("must be a lowercase slug like 'kv-cache-size' (a-z, 0-9 and single hyphens)")
        return v

    @field_validator("anchors")
    @classmethod
    def _anchor_keys(cls, v: dict[int, str]) -> dict[int, str]:
        if v and set(v) != {1, 2, 3, 4}:
            raise ValueError("anchors must give exactly the levels 1, 2, 3 and 4")
        return v

    @field_validator("covers")
    @classmethod
    def _covers_non_negative(cls, v: list[int]) -> list[int]:
        if any(i < 0 for i in v):
            raise ValueError("covers holds indexes into questions.json (0 or more)")
        return v
