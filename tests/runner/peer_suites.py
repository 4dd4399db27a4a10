"""The peer suites: the tests of the modules mSOM extends, with mSOM installed.

mSOM lives inside an ERP that keeps using Field Service, surveys, the portal
and Accounting. The suites of those modules are run on a database with every
msom module installed, so that they exercise our overrides. Their at_install
tests are run after the installation too (see `peer_odoo.py`): run at install
time they would run before our modules are loaded and prove nothing.
"""

import time

from .databases import format_duration, log_path, relative
from .environment import REPO, say
from .odoo_log import Problem, analyse_file
from .odoo_run import LOG_DIR, Hung, extra_addons_dirs, free_port, run_logged

# Modules whose suites run; installed next to ours if nothing pulls them in.
PEER_MODULES = [
    "fieldservice",
    "fieldservice_activity",
    "fieldservice_recurring",
    "survey",
    "portal",
    "account_payment",
    "queue_job",
    "report_xlsx",
    "account_statement_import_file",
    "account_statement_import_camt",
]
# Accounting: the classes that cover what mSOM writes (posting, reconciliation,
# bank statement lines) and the hash chain of secured journals. The rest of
# account's suite (taxes, invoices' UI, EDI, reports) does not touch our code
# and would double the run.
ACCOUNT_CLASSES = [
    "TestAccountMove",
    "TestAccountMoveReconcile",
    "TestAccountBankStatementLine",
    "TestAccountMoveInalterableHash",
]
# Test-only modules that stand for other installed modules, e.g. one that
# hooks posting (msom_billing must then post through the ORM). Installed in
# the peer database only: the msom tests must see a database without them.
TEST_ADDONS = REPO / "tests" / "addons"
TEST_MODULES = sorted(
    manifest.parent.name for manifest in TEST_ADDONS.glob("*/__manifest__.py")
)
PEER_TAGS = (
    [f"/{module}" for module in PEER_MODULES]
    + [f"/account:{name}" for name in ACCOUNT_CLASSES]
    + [f"/{module}" for module in TEST_MODULES]
)


def addons_path_option(odoo):
    """The addons path with the test-only modules (the last one given wins)."""
    dirs = [*odoo.addons_dirs, *extra_addons_dirs(), TEST_ADDONS]
    return f"--addons-path={','.join(map(str, dirs))}"


def peer_test_command(odoo, dbname, http_port):
    """Odoo running the peer suites, at_install ones in the post-install phase.

    The options of the msom test run, on the installed database (no --init)
    with the peers' tags, through the wrapper that moves the tests.
    """
    python, _m, _odoo, *options = odoo.test_command(dbname, [], http_port)
    return [
        python,
        "-m",
        "tests.runner.peer_odoo",
        *(arg for arg in options if not arg.startswith(("--init=", "--test-tags="))),
        addons_path_option(odoo),
        f"--test-tags={','.join(PEER_TAGS)}",
    ]


def run_peer_suites(odoo, dbname, modules, install):
    """Install `modules` and the peers in `dbname`, then run the peer suites.

    `install(modules, log, *options)` installs modules with these Odoo
    options (raising SetupError on failure).
    Returns (problems, number of passed tests). Tests that the peers skip on
    purpose (a missing optional module, an unsupported setup) are reported,
    not counted as failures: they are not ours to fix.
    """
    wanted = PEER_MODULES + TEST_MODULES
    modules = modules + [module for module in wanted if module not in modules]
    started = time.monotonic()
    install(modules, LOG_DIR / f"{dbname}-install.log", addons_path_option(odoo))
    log = log_path("peer")
    say(f"Running the peer suites ({', '.join(PEER_TAGS)}) (log: {relative(log)})…")
    hung = None
    try:
        code = run_logged(peer_test_command(odoo, dbname, free_port()), log)
    except Hung as error:
        code, hung = None, error
    report = analyse_file(log)
    problems = [*report.failed_tests, *report.stray_errors]
    if hung:
        problems.append(Problem(f"peer suites: {hung}"))
    elif not report.summary_found:
        problems.append(Problem("peer suites: Odoo stopped before its results"))
    elif code and not problems:
        problems.append(Problem(f"peer suites: Odoo exited with code {code}"))
    say(
        f"\nPeer suites: {report.tests_run} run, {report.failures} failed, "
        f"{report.errors} errors, {len(report.skipped_tests)} skipped by the "
        f"peers, in {format_duration(time.monotonic() - started)} "
        f"(log: {relative(log)})"
    )
    for skipped in report.skipped_tests:
        say(f"  ({skipped.title})")
    return problems, report.tests_run - report.failures - report.errors
