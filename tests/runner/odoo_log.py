"""Turn an Odoo log into a test verdict.

Odoo writes one record per log call: a first line
`<date> <time>,<ms> <pid> <LEVEL> <db> <logger>: <message>`, then any
continuation lines (tracebacks). The verdict is built from:

- the closing summary of `odoo.tests.result`
  (`N failed, M error(s) of T tests when loading database 'db'`),
- the `FAIL:` / `ERROR:` records of the failing tests (with tracebacks),
- the `skipped <test> : <reason>` records (a skipped test counts as failed:
  a tour silently skipped because Chromium is missing must not look green),
- any other ERROR or CRITICAL record ("stray" errors, e.g. while loading a
  module), unless it was logged while a test that failed anyway was running.
"""

import re
from dataclasses import dataclass, field

RECORD_START = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ "
    r"(?P<level>[A-Z_]+) (?P<db>\S+) (?P<logger>[\w.]+): (?P<message>.*?)\s*$"
)
SUMMARY = re.compile(
    r"^(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)
TEST_STARTED = re.compile(r"^Starting (?P<test>.+) \.\.\.$")
TEST_FAILED = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>.+)$")
TEST_SKIPPED = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")
# ERROR records Odoo logs about failures already reported test by test.
ECHOES_OF_FAILURES = (
    re.compile(r"^Module \w+: \d+ failures, \d+ errors of \d+ tests$"),
    re.compile(r"^At least one test failed when loading the modules\.$"),
    SUMMARY,
)
# Records from these loggers mean no test is running any more.
OUTSIDE_TESTS = re.compile(r"^odoo\.(modules|service)\.")
SERIOUS = ("ERROR", "CRITICAL")


@dataclass
class Record:
    level: str
    logger: str
    message: str
    continuation: list[str] = field(default_factory=list)

    @property
    def details(self):
        """The continuation lines, e.g. a traceback."""
        return "\n".join(self.continuation).rstrip()

    @property
    def module(self):
        """The addon that logged it, for loggers like odoo.addons.<module>.tests."""
        parts = self.logger.split(".")
        return parts[2] if parts[:2] == ["odoo", "addons"] and len(parts) > 2 else ""


@dataclass
class Problem:
    """Something that makes the run fail, shown to the user with its details."""

    title: str
    details: str = ""


@dataclass
class TestReport:
    tests_run: int = 0
    failures: int = 0
    errors: int = 0
    summary_found: bool = False
    failed_tests: list[Problem] = field(default_factory=list)
    skipped_tests: list[Problem] = field(default_factory=list)
    skipped_while_running: int = 0
    stray_errors: list[Problem] = field(default_factory=list)

    @property
    def passed(self):
        """Tests that ran and neither failed nor were skipped."""
        counted = self.failures + self.errors + self.skipped_while_running
        return max(0, self.tests_run - counted)

    @property
    def problems(self):
        """Failed, errored and skipped tests, and stray errors."""
        return [*self.failed_tests, *self.skipped_tests, *self.stray_errors]


def parse_records(lines):
    """Yield the log records of an iterable of log lines."""
    record = None
    for line in lines:
        line = line.rstrip("\n")
        match = RECORD_START.match(line)
        if match:
            if record:
                yield record
            record = Record(match["level"], match["logger"], match["message"])
        elif record:
            record.continuation.append(line)
        # Lines before the first record (Python warnings...) are ignored.
    if record:
        yield record


def analyse(records):
    """Build the TestReport of a sequence of records."""
    report = TestReport()
    started = set()
    current_test = None
    # (test running when logged, problem) pairs, filtered once failures are known
    strays = []
    for record in records:
        message = record.message
        if OUTSIDE_TESTS.match(record.logger):
            current_test = None
        if started_match := TEST_STARTED.match(message):
            current_test = started_match["test"]
            started.add(current_test)
        elif summary := SUMMARY.match(message):
            report.summary_found = True
            report.tests_run = int(summary["run"])
            report.failures = int(summary["failed"])
            report.errors = int(summary["errors"])
        elif record.level in SERIOUS and (failed := TEST_FAILED.match(message)):
            title = f"{failed['kind']}: {_qualified(record, failed['test'])}"
            report.failed_tests.append(Problem(title, record.details))
        elif skipped := TEST_SKIPPED.match(message):
            test = skipped["test"]
            report.skipped_while_running += test in started
            title = f"SKIPPED: {_qualified(record, test)}: {skipped['reason']}"
            report.skipped_tests.append(Problem(title))
        elif record.level in SERIOUS and not _echoes_failure(message):
            title = f"{record.level} {record.logger}: {message}"
            problem = Problem(title, record.details)
            strays.append((current_test, problem))
    failed_names = {p.title.split(": ", 1)[1] for p in report.failed_tests}
    report.stray_errors = [
        problem
        for test, problem in strays
        if not (test and any(name.endswith(test) for name in failed_names))
    ]
    return report


def analyse_file(path):
    with open(path, encoding="utf-8", errors="replace") as log:
        return analyse(parse_records(log))


def _qualified(record, test):
    return f"{record.module}: {test}" if record.module else test


def _echoes_failure(message):
    return any(pattern.match(message) for pattern in ECHOES_OF_FAILURES)
