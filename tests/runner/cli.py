"""`./msom demo | test | bench`: the two README commands and the benchmarks."""

import argparse
import ast
import os
import re
import signal
import sys
import time

from . import bootstrap, environment, serve
from .databases import (
    drop_database,
    format_duration,
    install_modules,
    log_path,
    missing_modules,
    relative,
    run_script,
    throwaway_database_name,
)
from .demo_server import guarded_command
from .environment import REPO, SetupError, say
from .faults import run_fault_suite
from .odoo_log import Problem, analyse_file
from .odoo_run import LOG_DIR, Hung, Odoo, free_port, read_odoo_conf, run_logged
from .peer_suites import run_peer_suites
from .postgres import ensure_postgres
from .server_tests import run_server_tests
from .static_checks import run_static_checks
from .unit_tests import run_unit_tests
from .update_check import check_updates

DEMO_LOGINS = [
    # (who, login, password); the README shows the same table.
    ("resident (mieszkaniec)", "mieszkaniec", "mieszkaniec"),
    ("operator / dispatcher", "operator", "operator"),
    ("contractor (wykonawca)", "wykonawca", "wykonawca"),
    ("accountant (księgowa)", "ksiegowa", "ksiegowa"),
    ("manager", "admin", "admin"),
]
PERF_DIR = REPO / "tests" / "perf"
# Installed in demo and test databases only, never a dependency of ours:
# production chooses its own payment providers.
DEMO_ONLY_MODULES = ["payment_demo"]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    # Everything after `--` goes to the benchmark scripts.
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    args = build_parser().parse_args(argv)
    args.extra = extra
    os.chdir(REPO)
    # CI stops jobs with SIGTERM: treat it like Ctrl-C so databases get dropped.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        bootstrap.ensure_odoo(args.odoo_source, sys.argv[1:] if argv is None else argv)
        return args.handler(args)
    except SetupError as error:
        print(f"msom: {error}", file=sys.stderr)
        return 2
    except Hung as error:
        print(
            f"msom: {error}; the stacks of its threads are in the log", file=sys.stderr
        )
        return 1
    except KeyboardInterrupt:
        print("msom: interrupted", file=sys.stderr)
        return 130


def build_parser():
    parser = argparse.ArgumentParser(
        prog="msom", description="mSOM: demo server, tests and benchmarks."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    # Every command accepts it, before or after the command name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--odoo-source",
        default=argparse.SUPPRESS,
        help="where to get Odoo 19 if `import odoo` fails: git URL, directory or "
        f"tarball (default: ${bootstrap.SOURCE_VARIABLE}, else the official 19.0)",
    )
    parser.add_argument("--odoo-source", default=None, help=argparse.SUPPRESS)

    demo = commands.add_parser(
        "demo", parents=[common], help="serve a demo database on localhost"
    )
    demo.add_argument("--db", default="msom_demo", help="database (default msom_demo)")
    demo.add_argument("--port", type=int, default=8069, help="HTTP port (8069)")
    demo.add_argument(
        "--interface",
        # Docker sets MSOM_HTTP_INTERFACE=0.0.0.0 so that the port can be published.
        default=os.environ.get("MSOM_HTTP_INTERFACE", "127.0.0.1"),
        help="address to listen on (127.0.0.1)",
    )
    demo.add_argument(
        "--update", action="store_true", help="update the modules of an existing db"
    )
    demo.set_defaults(handler=command_demo)

    production = commands.add_parser(
        "serve",
        parents=[common],
        help="serve a database with workers, the live bus and queue jobs",
    )
    serve.add_arguments(production)
    production.set_defaults(handler=command_serve)

    test = commands.add_parser(
        "test", parents=[common], help="run all tests and static checks"
    )
    test.add_argument("--modules", help="comma-separated subset of the msom modules")
    test.add_argument("--keep-db", action="store_true", help="keep the test database")
    test.add_argument(
        "--no-static", action="store_true", help="skip ruff and pylint-odoo"
    )
    test.add_argument(
        "--peer",
        action=argparse.BooleanOptionalAction,
        help="run the suites of the modules we extend (default: on without --modules)",
    )
    test.set_defaults(handler=command_test)

    faults = commands.add_parser(
        "faults", help="kill, re-import and double-submit against a live server"
    )
    faults.add_argument("--keep-db", action="store_true", help="keep the database")
    faults.set_defaults(handler=command_faults)
    update_check = commands.add_parser(
        "update-check",
        help="a demo database updated twice keeps its counts (CI runs it)",
    )
    update_check.add_argument(
        "--keep-db", action="store_true", help="keep the database"
    )
    update_check.set_defaults(handler=command_update_check)

    bench = commands.add_parser(
        "bench",
        parents=[common],
        help="run tests/perf/bench_*.py (arguments after -- go to them)",
    )
    bench.add_argument("name", nargs="?", help="benchmark name (default: all)")
    bench.add_argument("--modules", help="modules to install (default: the bench's)")
    bench.add_argument("--keep-db", action="store_true", help="keep the database")
    bench.add_argument(
        "--db",
        help="run on this existing database (kept with --keep-db): "
        "nothing installed, nothing dropped",
    )
    bench.set_defaults(handler=command_bench)
    return parser


def prepare(dev_tools=False, browser=False):
    """Check or install everything needed, and find PostgreSQL."""
    environment.ensure_python_requirements(dev_tools=dev_tools)
    environment.ensure_wkhtmltopdf()
    if browser:
        environment.ensure_browser()
    conf = read_odoo_conf()
    return Odoo(ensure_postgres(conf), conf)


# --- demo -------------------------------------------------------------------


def command_demo(args):
    odoo = prepare()
    modules = odoo.our_modules()
    if not odoo.postgres.database_exists(args.db):
        create_database(odoo, args.db, modules, demo=True)
    elif args.update:
        update_database(odoo, args.db, modules, demo=True)
    else:
        say(f"Using the existing database {args.db} (--update to update its modules)")
    print_logins(args.port)
    command = odoo.command(
        f"--database={args.db}",
        f"--db-filter=^{re.escape(args.db)}$",
        f"--http-interface={args.interface}",
        f"--http-port={args.port}",
        "--workers=0",
    )
    # single process: restarts dead cron threads, 503 while the db is down
    command = guarded_command(command)
    os.execve(command[0], command, serve.limit_threads(dict(os.environ)))


def create_database(odoo, dbname, modules, demo):
    try:
        install_modules(
            odoo,
            dbname,
            modules,
            LOG_DIR / f"{dbname}-install.log",
            f"--init={','.join(modules + (DEMO_ONLY_MODULES if demo else []))}",
            *(["--with-demo"] if demo else []),
            "--load-language=pl_PL",
        )
        say("Setting Polish as the language of all users and PL as the country…")
        script = REPO / "tests" / "runner" / "demo_setup.py"
        run_script(odoo, dbname, script, log=LOG_DIR / f"{dbname}-setup.log")
    except BaseException:
        # A half-made database would be reused by the next run.
        say(f"Dropping the unfinished database {dbname}")
        drop_database(odoo, dbname)
        raise


def update_database(odoo, dbname, modules, demo):
    wanted = modules + (DEMO_ONLY_MODULES if demo else [])
    installed = odoo.postgres.installed_modules(dbname, wanted)
    new = [module for module in wanted if module not in installed]
    options = [f"--update={','.join(sorted(installed))}"] if installed else []
    options += [f"--init={','.join(new)}"] if new else []
    options += ["--with-demo"] if new and demo else []
    install_modules(odoo, dbname, modules, LOG_DIR / f"{dbname}-update.log", *options)


def print_logins(port):
    say(f"\nmSOM demo on http://localhost:{port} — logins (password = login):")
    width = max(len(who) for who, _login, _password in DEMO_LOGINS)
    for who, login, password in DEMO_LOGINS:
        say(f"  {who:<{width}}  {login} / {password}")
    say("Stop the server with Ctrl-C.\n")


# --- serve ------------------------------------------------------------------


def command_serve(args):
    odoo = prepare()
    modules = odoo.our_modules()
    if not odoo.postgres.database_exists(args.db):
        create_database(odoo, args.db, modules, demo=args.demo)
    elif args.update:
        update_database(odoo, args.db, modules, demo=args.demo)
    command = serve.serve_command(
        odoo,
        args.db,
        args.interface,
        args.port,
        args.gevent_port,
        args.workers,
        args.cron_workers,
        jobs=args.jobs,
    )
    job_workers = args.job_workers or serve.default_job_workers(args.workers)
    jobs = (
        f"queue jobs on {serve.job_channels(job_workers)}" if args.jobs else "no jobs"
    )
    say(
        f"Serving {args.db} on http://{args.interface}:{args.port} with "
        f"{args.workers} workers, the websocket on port {args.gevent_port} "
        f"and {jobs} (Ctrl-C stops it)"
    )
    os.execve(
        command[0],
        command,
        serve.serve_environment(args.workers, args.port, job_workers),
    )


# --- test -------------------------------------------------------------------


def command_test(args):
    odoo = prepare(dev_tools=True, browser=True)
    modules = choose_modules(odoo, args.modules)
    problems, passed = run_odoo_tests(odoo, modules, args.keep_db)
    unit_passed, unit_problems = run_unit_tests()
    say(f"\nRunner unit tests: {unit_passed} passed, {len(unit_problems)} failed")
    show_problems(unit_problems)
    passed += unit_passed
    problems += unit_problems
    if not args.modules:  # the whole set: they need msom_portal and msom_billing
        server_passed, server_problems = run_server_tests(odoo.conf)
        show_problems(server_problems)
        passed += server_passed
        problems += server_problems
    if args.peer or (args.peer is None and not args.modules):
        peer_problems, peer_passed = run_peer_step(odoo, args.keep_db)
        passed += peer_passed
        problems += peer_problems
    if not args.no_static:
        static_passed, static_problems = run_static(odoo)
        passed += static_passed
        problems += static_problems
    if not args.modules:
        faults_passed, faults_problems = run_fault_suite(odoo)
        passed += faults_passed
        problems += faults_problems
        update_passed, update_problems = run_update_check(odoo)
        show_problems(update_problems)
        passed += update_passed
        problems += update_problems
    say(f"{passed} passed, {len(problems)} failed")
    return 1 if problems else 0


def command_faults(args):
    odoo = prepare()
    passed, problems = run_fault_suite(odoo, keep_db=args.keep_db)
    show_problems(problems)
    say(f"{passed} passed, {len(problems)} failed")
    return 1 if problems else 0


def run_peer_step(odoo, keep_db):
    """The peer suites (peer_suites.py) on their own throwaway database."""
    dbname = throwaway_database_name(odoo, "peer")
    try:
        problems, passed = run_peer_suites(
            odoo,
            dbname,
            odoo.our_modules() + DEMO_ONLY_MODULES,
            lambda modules, log, *options: install_modules(
                odoo, dbname, modules, log, *options, f"--init={','.join(modules)}"
            ),
        )
    finally:
        if keep_db:
            say(f"Kept the database {dbname}")
        else:
            drop_database(odoo, dbname)
    show_problems(problems)
    return problems, passed


def choose_modules(odoo, wanted):
    available = odoo.our_modules()
    if not wanted:
        return available
    modules = [name.strip() for name in wanted.split(",") if name.strip()]
    unknown = sorted(set(modules) - set(available))
    if unknown:
        raise SetupError(f"Unknown modules: {', '.join(unknown)}")
    return modules


def run_odoo_tests(odoo, modules, keep_db):
    """Install and test the modules in a throwaway database.

    Returns (problems, number of passed tests); the problems are printed.
    """
    dbname = throwaway_database_name(odoo, "test")
    log = log_path("test")
    broken = odoo.broken_manifests(modules)
    say(f"Testing {', '.join(modules)} in {dbname} (log: {relative(log)})…")
    started = time.monotonic()
    hung = None
    try:
        try:
            command = odoo.test_command(
                dbname, modules, free_port(), also_install=DEMO_ONLY_MODULES
            )
            code = run_logged(command, log)
        except Hung as error:
            code, hung = None, error
        missing = missing_modules(odoo, dbname, modules)
    finally:
        if keep_db:
            say(f"Kept the database {dbname}")
        else:
            drop_database(odoo, dbname)
    report = analyse_file(log)
    problems = test_problems(broken, missing, report, code, hung)
    say(
        f"\nOdoo tests: {report.tests_run} run, {report.failures} failed, "
        f"{report.errors} errors, {len(report.skipped_tests)} skipped "
        f"in {format_duration(time.monotonic() - started)} (log: {relative(log)})"
    )
    show_problems(problems)
    return problems, report.passed


def test_problems(broken, missing, report, code, hung):
    """Everything that makes the Odoo part of the run fail."""
    problems = [
        Problem(f"{module}: the manifest cannot be read: {error}")
        for module, error in broken
    ]
    broken_names = {module for module, _error in broken}
    problems += [
        Problem(f"{module}: not installed (see the log)")
        for module in missing
        if module not in broken_names
    ]
    problems += report.problems
    if hung:
        problems.append(Problem(f"{hung}; stopped it (thread stacks in the log)"))
    elif not report.summary_found:
        problems.append(Problem("Odoo stopped before reporting its test results"))
    elif report.tests_run == 0:
        problems.append(Problem("No Odoo test ran: every module must have tests"))
    elif code and not problems:
        problems.append(Problem(f"Odoo exited with code {code}"))
    return problems


def run_static(odoo):
    module_dirs = [
        relative(addons / module)
        for addons in odoo.addons_dirs
        for module in odoo.our_modules()
        if (addons / module).is_dir()
    ]
    say("\nStatic checks:")
    passed, problems = 0, []
    for result in run_static_checks(module_dirs):
        say(f"  {result.name}: {'passed' if result.passed else 'FAILED'}")
        if result.passed:
            passed += 1
        else:
            problem = Problem(result.name, result.output)
            show_problems([problem], heading=False)
            problems.append(problem)
    return passed, problems


def show_problems(problems, heading=True):
    for problem in problems:
        if heading:
            say(f"  {problem.title}")
        if problem.details:
            say("\n".join(f"      {line}" for line in problem.details.splitlines()))


# --- update-check -----------------------------------------------------------


def command_update_check(args):
    odoo = prepare()
    passed, problems = run_update_check(odoo, args.keep_db)
    show_problems(problems)
    say("update check: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


def run_update_check(odoo, keep_db=False):
    """A demo database updated twice keeps its counts: (passed, problems)."""
    modules = odoo.our_modules()
    dbname = throwaway_database_name(odoo, "update")
    try:
        problems = check_updates(
            odoo,
            dbname,
            lambda: create_database(odoo, dbname, modules, demo=True),
            lambda attempt: install_modules(
                odoo,
                dbname,
                modules,
                LOG_DIR / f"{dbname}-update-{attempt}.log",
                f"--update={','.join(modules)}",
            ),
        )
    except SetupError as error:
        # an installation or update that fails is this step's failure,
        # not the end of the whole test run
        problems = [Problem("update check: installing or updating failed", str(error))]
    finally:
        if keep_db:
            say(f"Kept the database {dbname}")
        else:
            drop_database(odoo, dbname)
    return (0 if problems else 1), problems


# --- bench ------------------------------------------------------------------


def command_bench(args):
    benches = find_benchmarks(args.name)
    odoo = prepare(dev_tools=True)
    if any(bench.stem == "bench_load" for bench in benches):
        os.environ["MSOM_LOCUST"] = environment.ensure_load_tool()
    if args.db:
        if not odoo.postgres.database_exists(args.db):
            raise SetupError(f"No database {args.db}")
        run_benchmarks(odoo, args.db, benches, args.extra)
        return 0
    modules = choose_modules(odoo, args.modules) if args.modules else None
    modules = modules or bench_modules(benches) or odoo.our_modules()
    dbname = throwaway_database_name(odoo, "bench")
    try:
        install_modules(
            odoo,
            dbname,
            modules,
            log_path("bench-install"),
            f"--init={','.join(modules)}",
        )
        run_benchmarks(odoo, dbname, benches, args.extra)
    finally:
        if args.keep_db:
            again = f"./msom bench {args.name or ''} --db {dbname}".replace("  ", " ")
            say(f"Kept the database {dbname} (measure again: {again})")
        else:
            drop_database(odoo, dbname)
    return 0


def run_benchmarks(odoo, dbname, benches, extra):
    for bench in benches:
        say(f"\n== {bench.stem}")
        started = time.monotonic()
        run_script(odoo, dbname, bench, *extra)
        say(f"== {bench.stem}: {format_duration(time.monotonic() - started)}")


def find_benchmarks(name):
    benches = sorted(PERF_DIR.glob("bench_*.py"))
    if name:
        wanted = name.removeprefix("bench_").removesuffix(".py")
        benches = [bench for bench in benches if bench.stem == f"bench_{wanted}"]
    if not benches:
        known = ", ".join(
            b.stem.removeprefix("bench_") for b in PERF_DIR.glob("bench_*.py")
        )
        raise SetupError(f"No benchmark {name or ''} in tests/perf (known: {known})")
    return benches


def bench_modules(benches):
    """Union of the MODULES lists the benchmark files declare."""
    modules = []
    for bench in benches:
        tree = ast.parse(bench.read_text("utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                getattr(target, "id", None) == "MODULES" for target in node.targets
            ):
                modules += [m for m in ast.literal_eval(node.value) if m not in modules]
    return modules
