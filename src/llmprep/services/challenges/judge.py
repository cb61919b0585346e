"""Judge a submission: run a challenge's test suite against it inside a sandbox, decide the verdict.

The test file is read and executed here, in the judge process, before the child starts, so nothing the
submission does can change the tests of the run it is in. Every value the child returns is compared
with expectations computed here; the child only ever sees the inputs of the calls made to it.
"""

from __future__ import annotations

import time
import types
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from llmprep.backends.sandbox.base import Limits, Sandbox, SandboxAborted, SubmissionRaised
from llmprep.domain.challenges import Challenge, Judgement, TestResult, TestStatus, Verdict, overall_verdict
from llmprep.errors import InternalError
from llmprep.services.challenges.catalog import MAX_SOURCE_BYTES, ChallengeCatalog
from llmprep.services.challenges.checks import Failure, Submission, Suite, Test

SuiteName = Literal["visible", "hidden"]
ABORT_STATUS = {
    "time_limit": TestStatus.TIME_LIMIT,
    "memory_limit": TestStatus.MEMORY_LIMIT,
    "output_limit": TestStatus.OUTPUT_LIMIT,
}


def load_suite(source: str, label: str) -> Suite:
    """Execute a tests file in a fresh module and return its `suite`."""
    module = types.ModuleType(f"llmprep_challenge_tests_{label.replace('-', '_')}")
    exec(compile(source, f"<{label} tests>", "exec"), module.__dict__)
    suite = module.__dict__.get("suite")
    if not isinstance(suite, Suite) or not suite.tests:
        raise InternalError(f"The tests of {label} define no non-empty `suite = Suite()`.")
    return suite


def limits_for(challenge: Challenge) -> Limits:
    """Sandbox limits from the challenge's time and memory limits."""
    return Limits(
        wall_s=challenge.time_limit_s,
        cpu_s=int(challenge.time_limit_s) + 3,
        memory_mb=challenge.memory_limit_mb,
    )


def _compile_error(source: str, slug: str, suite: str) -> Judgement | None:
    if len(source.encode("utf-8")) > MAX_SOURCE_BYTES:
        return Judgement(
            slug, suite, Verdict.COMPILE_ERROR, message=f"source longer than {MAX_SOURCE_BYTES} bytes"
        )
    try:
        compile(source, "solution.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        return Judgement(
            slug,
            suite,
            Verdict.COMPILE_ERROR,
            message=f"{type(exc).__name__}: {exc}" + (f" (line {line})" if line else ""),
        )
    return None


def _raised(name: str, exc: SubmissionRaised, seconds: float) -> TestResult:
    status = TestStatus.MEMORY_LIMIT if exc.memory else TestStatus.ERROR
    return TestResult(name, status, f"{exc.type_name}: {exc.message}", got=exc.traceback, seconds=seconds)


@dataclass
class ChallengeJudge:
    """Runs suites of the catalog's challenges in a sandbox."""

    catalog: ChallengeCatalog
    sandbox: Sandbox

    def judge(self, slug: str, source: str, suite: SuiteName = "hidden") -> Judgement:
        """Judge `source` on the visible examples or the hidden tests of challenge `slug`."""
        challenge = self.catalog.get(slug)
        tests = load_suite(self.catalog.tests_source(slug, suite), f"{slug}/{suite}").tests
        started = time.monotonic()
        failed = _compile_error(source, slug, suite)
        if failed is not None:
            return failed
        try:
            session = self.sandbox.open_session(source, limits_for(challenge))
        except SubmissionRaised as exc:
            result = _raised("import solution.py", exc, 0.0)
            return Judgement(
                slug,
                suite,
                overall_verdict([result]),
                (result,),
                message="the submission failed while being imported",
                seconds=time.monotonic() - started,
            )
        except SandboxAborted as exc:
            status = ABORT_STATUS.get(exc.reason, TestStatus.ERROR)
            result = TestResult("import solution.py", status, exc.detail)
            return Judgement(
                slug,
                suite,
                overall_verdict([result]),
                (result,),
                message=exc.detail,
                seconds=time.monotonic() - started,
            )
        try:
            results = self._run(tests, Submission(session))
            return Judgement(
                slug,
                suite,
                overall_verdict(results),
                tuple(results),
                output=session.output(),
                seconds=time.monotonic() - started,
                layers=dict(session.layers),
            )
        finally:
            session.close()

    @staticmethod
    def _run(tests: list[Test], sub: Submission) -> list[TestResult]:
        results: list[TestResult] = []
        aborted: SandboxAborted | None = None
        for test in tests:
            name = test.name
            if aborted is not None:
                results.append(TestResult(name, TestStatus.SKIPPED, "not run: the sandbox was stopped"))
                continue
            t0 = time.monotonic()
            try:
                test.run(sub)
            except Failure as f:
                results.append(
                    TestResult(
                        name, TestStatus.FAILED, f.message, f.input, f.expected, f.got, time.monotonic() - t0
                    )
                )
                continue
            except SubmissionRaised as exc:
                results.append(_raised(name, exc, time.monotonic() - t0))
                continue
            except SandboxAborted as exc:
                aborted = exc
                status = ABORT_STATUS.get(exc.reason, TestStatus.ERROR)
                results.append(TestResult(name, status, exc.detail, seconds=time.monotonic() - t0))
                continue
            except Exception as exc:  # the checker choked on a returned value: the answer is wrong
                results.append(
                    TestResult(
                        name,
                        TestStatus.FAILED,
                        f"the returned value could not be checked ({type(exc).__name__}: {exc})",
                        seconds=time.monotonic() - t0,
                    )
                )
                continue
            results.append(TestResult(name, TestStatus.PASSED, seconds=time.monotonic() - t0))
        return results

    def judge_many(self, jobs: list[tuple[str, str, SuiteName]], workers: int = 2) -> list[Judgement]:
        """Judge several (slug, source, suite) jobs, `workers` children at a time, in job order.

        A job whose tests cannot even be loaded becomes an internal-error judgement instead of stopping
        the others.
        """

        def one(job: tuple[str, str, SuiteName]) -> Judgement:
            try:
                return self.judge(*job)
            except Exception as exc:  # a broken test file or a sandbox that cannot start
                return Judgement(
                    job[0], job[2], Verdict.INTERNAL_ERROR, message=f"{type(exc).__name__}: {exc}"
                )

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            return list(pool.map(one, jobs))
