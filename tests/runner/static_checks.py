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
    """(name, command) of each check; module_dirs are the addons to lint."""
    ruff = [sys.executable, "-m", "ruff"]
    ruff_check = [*ruff, "check", "--no-fix", "--output-format=concise"]
    ruff_format = [*ruff, "format", "--check", "--output-format=concise"]
    pylint = [sys.executable, "-m", "pylint", "--rcfile=.pylintrc-mandatory"]
    return [
        ("ruff check", [*ruff_check, *PYTHON_TARGETS]),
        ("ruff format --check", [*ruff_format, *PYTHON_TARGETS]),
        ("pylint-odoo (OCA mandatory checks)", [*pylint, *map(str, module_dirs)]),
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
