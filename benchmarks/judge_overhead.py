"""Judge overhead: the sandboxed judge vs the same hidden tests run with bare `python`, and throughput.

For every challenge's reference solution:
  bare   - a fresh `python` process imports the solution and runs the hidden tests on it directly
           (interpreter start, NumPy import, the tests; no sandbox, no IPC);
  judge  - `ChallengeJudge.judge(...)` from a warm judge process: a confined child (bubblewrap, rlimits,
           seccomp, Landlock, python -I -S, NumPy import) plus one pipe round trip per call.
The ratio judge/bare is reported per challenge and for the sums. Throughput: all references judged with
`judge_many(workers=2)`, as `challenge verify` does.

Run: uv run python benchmarks/judge_overhead.py [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from llmprep.backends.sandbox.layers import describe_layers
from llmprep.backends.sandbox.subprocess import SubprocessSandbox
from llmprep.services.challenges.catalog import ChallengeCatalog
from llmprep.services.challenges.judge import ChallengeJudge

ROOT = Path(__file__).resolve().parent.parent
CHALLENGES = ROOT / "content" / "challenges"
BARE = """
import importlib.util, sys
import types
from llmprep.backends.sandbox.base import SubmissionRaised
spec = importlib.util.spec_from_file_location("solution", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)


class Direct:  # the submission called in-process; its exceptions surface as the judge reports them
    def __getattr__(self, name):
        fn = getattr(module, name)
        def call(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                raise SubmissionRaised(type(exc).__name__, str(exc), "") from exc
        return call


tests = types.ModuleType("tests")
exec(compile(open(sys.argv[2]).read(), sys.argv[2], "exec"), tests.__dict__)
for test in tests.suite.tests:
    test.run(Direct())
"""


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def bare_seconds(folder: Path) -> tuple[float, float]:
    """(wall, CPU) of one fresh, unconfined python process running the hidden tests on the reference."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(
        [sys.executable, "-c", BARE, str(folder / "solution.py"), str(folder / "tests_hidden.py")],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start, _cpu() - cpu


def judge_seconds(judge: ChallengeJudge, slug: str, source: str) -> tuple[float, float]:
    """(wall, CPU of judge + child) of judging the reference on the hidden tests (must be accepted)."""
    start, cpu = time.perf_counter(), _cpu()
    result = judge.judge(slug, source, "hidden")
    elapsed = time.perf_counter() - start
    if not result.is_accepted:
        raise SystemExit(f"{slug}: reference not accepted ({result.verdict})")
    return elapsed, _cpu() - cpu


COLD = """
import sys
from pathlib import Path
from llmprep.backends.sandbox.subprocess import SubprocessSandbox
from llmprep.services.challenges.catalog import ChallengeCatalog
from llmprep.services.challenges.judge import ChallengeJudge
judge = ChallengeJudge(ChallengeCatalog(Path(sys.argv[1])), SubprocessSandbox())
assert judge.judge(sys.argv[2], Path(sys.argv[3]).read_text(), "hidden").is_accepted
"""


def inprocess_seconds(folder: Path) -> tuple[float, float]:
    """(wall, CPU) of the same tests on the reference imported into this warm process: the floor."""
    import importlib.util
    import types

    from llmprep.backends.sandbox.base import SubmissionRaised

    start, cpu = time.perf_counter(), _cpu()
    spec = importlib.util.spec_from_file_location("solution_bench", folder / "solution.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    class Direct:
        def __getattr__(self, name: str) -> object:
            fn = getattr(module, name)

            def call(*args: object, **kwargs: object) -> object:
                try:
                    return fn(*args, **kwargs)
                except Exception as exc:
                    raise SubmissionRaised(type(exc).__name__, str(exc), "") from exc

            return call

    tests = types.ModuleType("tests_bench")
    exec(compile((folder / "tests_hidden.py").read_text(), "tests_hidden.py", "exec"), tests.__dict__)
    for test in tests.suite.tests:
        test.run(Direct())
    return time.perf_counter() - start, _cpu() - cpu


def cold_seconds(slug: str) -> tuple[float, float]:
    """(wall, CPU) of a fresh judge process (imports, layer probes, catalog) judging the reference once."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(
        [sys.executable, "-c", COLD, str(CHALLENGES), slug, str(CHALLENGES / slug / "solution.py")],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start, _cpu() - cpu


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per challenge; the median is kept")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    catalog = ChallengeCatalog(CHALLENGES)
    configs = {
        "full": SubprocessSandbox(),
        "no_bwrap": SubprocessSandbox(bwrap=False),
        "rlimits_only": SubprocessSandbox(bwrap=False, seccomp=False, landlock=False),
    }
    rows = []
    for slug in catalog.challenges:
        folder, source = CHALLENGES / slug, catalog.reference(slug)
        row: dict[str, object] = {"slug": slug}
        row["bare"], row["bare_cpu"] = _median([bare_seconds(folder) for _ in range(args.repeat)])
        row["inprocess"], row["inprocess_cpu"] = _median(
            [inprocess_seconds(folder) for _ in range(args.repeat)]
        )
        row["cold_full"], row["cold_full_cpu"] = _median([cold_seconds(slug) for _ in range(args.repeat)])
        for name, sandbox in configs.items():
            judge = ChallengeJudge(catalog, sandbox)
            row[name], row[name + "_cpu"] = _median(
                [judge_seconds(judge, slug, source) for _ in range(args.repeat)]
            )
        rows.append(row)
        if not args.json:
            print(
                f"{slug:36} bare {row['bare']:.3f}s ({row['bare_cpu']:.3f} CPU)  judge {row['full']:.3f}s "
                f"({row['full_cpu']:.3f} CPU)",
                flush=True,
            )
    keys = [k for name in ("bare", "inprocess", "cold_full", *configs) for k in (name, name + "_cpu")]
    totals = {k: sum(float(r[k]) for r in rows) for k in keys}  # type: ignore[arg-type]
    judge = ChallengeJudge(catalog, SubprocessSandbox())
    jobs = [(slug, catalog.reference(slug), "hidden") for slug in catalog.challenges] * 2
    start = time.perf_counter()
    judgements = judge.judge_many(jobs, workers=2)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    assert all(j.is_accepted for j in judgements)
    report = {
        "challenges": len(rows),
        "totals_s": {k: round(v, 2) for k, v in totals.items()},
        "ratio_total_wall": {k: round(totals[k] / totals["bare"], 2) for k in ("cold_full", *configs)},
        "ratio_total_cpu": {
            k: round(totals[k + "_cpu"] / totals["bare_cpu"], 2) for k in ("cold_full", *configs)
        },
        "ratio_median": {
            k: round(statistics.median(float(r[k]) / float(r["bare"]) for r in rows), 2)  # type: ignore[arg-type]
            for k in ("cold_full", *configs)
        },
        "throughput": {
            "submissions": len(jobs),
            "seconds": round(elapsed, 1),
            "per_minute": round(len(jobs) / elapsed * 60, 1),
        },
        "layers": {name: status.active for name, status in describe_layers().items()},
        "rows": rows,
    }
    print(
        json.dumps(report, indent=2)
        if args.json
        else json.dumps({k: v for k, v in report.items() if k != "rows"}, indent=2)
    )


if __name__ == "__main__":
    main()
