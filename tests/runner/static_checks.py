"""ruff and pylint-odoo (OCA's mandatory checks); each check is one test."""

import subprocess
import sys
from dataclasses import dataclass

from .environment import REPO

PYTHON_TARGETS = ["addons", "tests", "msom"]


@dataclass
class CheckResult:
    name: str
    passed: bool
    output: str


def static_checks(module_dirs):
    python = [sys.executable, "-m"]
    return [
        ("ruff check", [*python, "ruff", "check", "--no-fix", *PYTHON_TARGETS]),
        (
            "ruff format --check",
            [*python, "ruff", "format", "--check", "--diff", *PYTHON_TARGETS],
        ),
        (
            "pylint-odoo (OCA mandatory checks)",
            [*python, "pylint", "--rcfile=.pylintrc-mandatory", *map(str, module_dirs)],
        ),
    ]


def run_static_checks(module_dirs):
    results = []
    for name, command in static_checks(module_dirs):
        completed = subprocess.run(
            command,
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        output = (completed.stdout + completed.stderr).strip()
        results.append(CheckResult(name, completed.returncode == 0, output))
    return results
