"""Prints why each browser test failed (from Playwright's JSON report), a few lines each.

CI keeps only the end of a run's output; scripts/test.sh calls this after its summary so the
reason of an e2e failure is in that tail, not only far above it."""

import json
import re
import sys
from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "frontend" / "test-results" / "results.json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LINES_PER_ERROR = 12


def failed_tests(suite: dict, titles: tuple[str, ...] = ()):
    for child in suite.get("suites", []):
        yield from failed_tests(child, (*titles, child.get("title", "")))
    for spec in suite.get("specs", []):
        for test in spec.get("tests", []):
            for attempt, result in enumerate(test.get("results", [])):
                if result.get("status") not in ("passed", "skipped"):
                    yield " › ".join(t for t in (*titles, spec["title"]) if t), attempt, result


def main() -> int:
    if not REPORT.exists():
        print(f"(no e2e report at {REPORT})")
        return 0
    report = json.loads(REPORT.read_text())
    for title, attempt, result in failed_tests({"suites": report.get("suites", [])}):
        print(f"\n✘ {title} (attempt {attempt + 1}, {result.get('status')})")
        for error in result.get("errors", []) or [result.get("error", {})]:
            text = ANSI.sub("", error.get("message") or error.get("value") or "")
            for line in [line for line in text.splitlines() if line.strip()][:LINES_PER_ERROR]:
                print(f"    {line}")
            location = error.get("location")
            if location:
                print(f"    at {location.get('file')}:{location.get('line')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
