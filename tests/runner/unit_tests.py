"""The runner's own unit tests (tests/unit), each one counted like a test."""

import io
import unittest

from .environment import REPO
from .odoo_log import Problem

UNIT_DIR = REPO / "tests" / "unit"


def run_unit_tests():
    """(number passed, problems) of the tests in tests/unit."""
    suite = unittest.defaultTestLoader.discover(str(UNIT_DIR), top_level_dir=str(REPO))
    result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
    problems = [
        Problem(f"{test.id()}: {kind}", details)
        for kind, outcomes in (
            ("failed", result.failures),
            ("error", result.errors),
            ("skipped", result.skipped),
        )
        for test, details in outcomes
    ]
    return result.testsRun - len(problems), problems
