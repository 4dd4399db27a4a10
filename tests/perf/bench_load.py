"""Load on the server: residents, contractors and a charge run at once.

Usage: ./msom bench load [-- --units 20000 --history-lines 5000000
                            --residents 200 --contractors 20 --duration 60]

1. Builds the portal benchmark's cooperative (bench_portal: --units units,
   --history-lines journal items of history, residents with 3 units each),
   --contractors workers of a contractor company with accepted jobs, and
   logs every user in once (their session cookies go to locust), and
   requests every page class a few times per server process (warm-up).
2. Serves the database the way `./msom serve` does (HTTP workers, the
   websocket process, queue_job's runner loaded server-wide) and, for
   --duration seconds, runs locust headless: --residents residents opening
   their portal pages and --contractors workers opening jobs and saving
   notes, each pausing between pages (--think-resident, --think-contractor,
   in seconds), while the next month's charge run over every unit is posted
   by queue jobs.
3. Does the same on a single-process server (--workers=0) with the month
   after, and prints both side by side: requests/s, errors, p50/p95 per page
   class, and the charge run's units/s under that load. The servers' logs
   are kept in var/log (bench-load-*.log) and their ERROR lines summed up.

--reuse measures again on a database kept with `./msom bench load --keep-db`
(`./msom bench load --db NAME -- --reuse`; --build-only builds it without
measuring, e.g. while the machine is busy); --job-workers sets how many
charge-run jobs run at once (default: `./msom serve`'s).

locust runs in its own virtual environment (var/load-venv, from
requirements-load.txt; `./msom bench load` creates it): its Flask/Werkzeug
must not replace the versions Odoo pins.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import requests
from dateutil.relativedelta import relativedelta

from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_billing import load_history  # noqa: E402
from bench_portal import (  # noqa: E402
    PASSWORD,
    add_cooperative_options,
    build_cooperative,
    kept_residents,
    login,
    resident_pages,
    server_options,
    setup_documents,
    setup_residents,
    wait_until_serving,
)

from tests.perf.common import load_average  # noqa: E402
from tests.runner import serve  # noqa: E402

MODULES = ["msom_portal", "msom_contractor", "payment_demo"]
LOCUSTFILE = Path(__file__).resolve().parent / "load" / "locustfile.py"
LOG_DIR = Path(__file__).resolve().parents[2] / "var" / "log"
CONTRACTOR_BASE = "/wykonawca"
JOBS_PER_CONTRACTOR = 5


class ServerOptions:
    """What serve.serve_command needs of the runner's Odoo: this process's
    own Odoo options (addons, data directory, database server)."""

    def options(self):
        return [*server_options(), f"--data-dir={config['data_dir']}"]


def setup_contractors(env, count, units):
    """count workers of one company, each with accepted jobs on `units`."""
    company = env["res.partner"].create(
        {
            "name": "Obciążenie-Hydro Sp. z o.o.",
            "is_company": True,
            "is_contractor": True,
        }
    )
    category = env["fsm.category"].create(
        {"name": "obciążenie hydraulika", "contractor_id": company.id}
    )
    forwarded = env.ref("msom_tickets.fsm_stage_ticket_forwarded")
    group = env.ref("msom_estate.group_msom_contractor")
    Ticket = env["fsm.order"].with_context(
        tracking_disable=True, msom_skip_duplicates=True, mail_create_nolog=True
    )
    workers = []
    for index in range(count):
        person = env["fsm.person"].create(
            {"name": f"Pracownik Obciążenie {index}", "parent_id": company.id}
        )
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": person.name,
                    "login": f"load_worker{index}",
                    "password": PASSWORD,
                    "partner_id": person.partner_id.id,
                    "group_ids": [(6, 0, [group.id])],
                }
            )
        )
        jobs = Ticket.create(
            [
                {
                    "location_id": units[
                        (index * JOBS_PER_CONTRACTOR + n) % len(units)
                    ].id,
                    "category_id": category.id,
                    "description": f"<p>Przegląd instalacji {n}</p>",
                }
                for n in range(JOBS_PER_CONTRACTOR)
            ]
        )
        jobs.write({"stage_id": forwarded.id})
        for job in jobs.with_user(user):
            job._msom_job_accept()
        workers.append((user, jobs))
    return workers


def session_id(base, login_name):
    return login(base, login_name).cookies["session_id"]


def start_server(dbname, port, workers, logfile, job_workers):
    command = serve.serve_command(
        ServerOptions(), dbname, "127.0.0.1", port, port + 1, workers, 1
    )
    command += ["--log-level=warn", f"--logfile={logfile}"]
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        # the log goes to logfile; what the stopped threads print is noise
        stderr=subprocess.DEVNULL,
        env=serve.serve_environment(workers, port, job_workers),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, base, logfile, minutes=5)
    except Exception:
        stop_server(process)
        raise
    return process, base


def warm_up(base, sessions, processes):
    """Every page class a few times per server process before the clock
    starts: each Odoo process compiles its templates and fills its caches on
    its first requests, which a production server has long done."""
    urls = [
        (resident["session_id"], url)
        for resident in sessions["residents"][:3]
        for url in resident["pages"].values()
    ]
    urls += [
        (contractor["session_id"], path)
        for contractor in sessions["contractors"][:3]
        for path in (
            CONTRACTOR_BASE,
            f"{CONTRACTOR_BASE}/zlecenie/{contractor['jobs'][0]}",
        )
    ]

    def get(item):
        session_id, url = item
        requests.get(f"{base}{url}", cookies={"session_id": session_id}, timeout=120)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=processes) as pool:
        list(pool.map(get, urls * processes))
    print(
        f"  warm-up: {len(urls) * processes} requests in "
        f"{time.monotonic() - started:.0f} s"
    )


def stop_server(process):
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait()


def queue_charge_run(env, period, batch_size):
    """The month's charge run over every building, posted by queue jobs."""
    buildings = env["fsm.location"].search([("location_level", "=", "building")])
    charge_run = env["msom.charge.run"].create(
        {
            "period": period,
            "building_ids": [(6, 0, buildings.ids)],
            "batch_size": batch_size,
        }
    )
    charge_run.action_preview()
    charge_run.state = "running"
    charge_run._enqueue_batches()
    env.cr.commit()
    return charge_run


def job_states(env, charge_run):
    if not charge_run:
        return "no charge run"
    env.cr.execute(
        "SELECT state, count(*) FROM queue_job WHERE func_string LIKE %s"
        " GROUP BY state ORDER BY state",
        [f"msom.charge.run({charge_run.id},)._job_post_lines(%"],
    )
    return ", ".join(f"{count} {state}" for state, count in env.cr.fetchall())


def server_errors(logfile):
    """{error message: count} of the ERROR and CRITICAL lines of the log
    (the message without the line's time, process and database)."""
    text = logfile.read_text("utf-8", "replace") if logfile.exists() else ""
    errors = Counter()
    for line in text.splitlines():
        level = (
            " ERROR "
            if " ERROR " in line
            else " CRITICAL "
            if " CRITICAL " in line
            else None
        )
        if level:
            errors[line.split(level, 1)[1].split(": ", 1)[-1][:160]] += 1
    return errors


def posted_units(env, charge_run):
    if not charge_run:
        return 0
    env.cr.execute(
        "SELECT count(DISTINCT unit_id) FROM msom_charge_run_line"
        " WHERE run_id = %s AND state = 'posted'",
        [charge_run.id],
    )
    return env.cr.fetchone()[0]


def run_locust(locust, spec, base, duration, workdir):
    spec_path = Path(workdir) / "spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    users = spec["resident_count"] + spec["contractor_count"]
    prefix = Path(workdir) / "locust"
    finished = subprocess.run(
        [
            locust,
            "--locustfile", str(LOCUSTFILE),
            "--headless",
            "--host", base,
            "--users", str(users),
            "--spawn-rate", str(max(1, users // 10)),
            "--run-time", f"{duration}s",
            "--csv", str(prefix),
            "--only-summary",
            "--loglevel", "WARNING",
            "--exit-code-on-error", "0",
        ],
        env={**os.environ, "MSOM_LOAD_SPEC": str(spec_path)},
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if finished.returncode:
        raise RuntimeError(f"locust failed:\n{finished.stdout}\n{finished.stderr}")
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats_file:
        rows = {row["Name"]: row for row in csv.DictReader(stats_file)}
    failures = []
    failures_path = Path(f"{prefix}_failures.csv")
    if failures_path.exists():
        with open(failures_path, encoding="utf-8") as failures_file:
            failures = list(csv.DictReader(failures_file))
    return rows, failures


def measure(env, options, spec, workers, period):
    """One server: locust for --duration seconds while a charge run posts."""
    dbname = env.cr.dbname
    # what the jobs of an earlier measure or of the build left is posted
    # first (as the cron would), so that this run's jobs are the only ones
    env["msom.charge.run"]._cron_process()
    env.cr.commit()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    logfile = LOG_DIR / f"bench-load-{'workers' if workers else 'single'}-{stamp}.log"
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench_load_") as workdir:
        process, base = start_server(
            dbname, options.port, workers, logfile, options.job_workers
        )
        try:
            with ThreadPoolExecutor(max_workers=4) as pool:
                residents = list(
                    pool.map(lambda name: session_id(base, name), spec["logins"])
                )
                contractors = list(
                    pool.map(lambda item: session_id(base, item[0]), spec["workers"])
                )
            sessions = {
                "residents": [
                    {"session_id": session_id, "pages": spec["pages"][name]}
                    for session_id, name in zip(residents, spec["logins"], strict=True)
                ],
                "contractors": [
                    {"session_id": session_id, "jobs": jobs}
                    for session_id, (_login, jobs) in zip(
                        contractors, spec["workers"], strict=True
                    )
                ],
            }
            warm_up(base, sessions, max(workers, 1))
            charge_run = (
                queue_charge_run(env, period, options.batch_size)
                if options.charge_run
                else env["msom.charge.run"]
            )
            before, started = posted_units(env, charge_run), time.monotonic()
            rows, failures = run_locust(
                options.locust,
                {**spec["locust"], **sessions},
                base,
                options.duration,
                workdir,
            )
            env.cr.rollback()
            units = posted_units(env, charge_run) - before
            elapsed = time.monotonic() - started
            jobs = job_states(env, charge_run)
            # before stopping: a stopped server's threads log their closed cursors
            errors = server_errors(logfile)
        finally:
            stop_server(process)
    return {
        "jobs": jobs,
        "server_errors": errors,
        "logfile": logfile,
        "rows": rows,
        "failures": failures,
        "charge_units_per_second": units / elapsed,
        "load": load_average(),
    }


def print_side_by_side(results, options):
    measured = [result for result in results.values() if result]
    names = sorted(
        {name for result in measured for name in result["rows"]} - {"Aggregated"}
    )
    header = (
        f"{'page class':36} {'workers req/s':>13} {'p50':>6} {'p95':>6}"
        f" {'errors':>6}   {'1 process req/s':>15} {'p50':>6} {'p95':>6} {'errors':>6}"
    )
    print(f"\n{options.residents} residents and {options.contractors} contractors "
          f"for {options.duration} s (times in ms):")  # fmt: skip
    print(header)
    for name in [*names, "Aggregated"]:
        cells = []
        for kind in ("multi", "single"):
            row = results[kind] and results[kind]["rows"].get(name)
            if not row:
                cells.append(f"{'-':>13} {'-':>6} {'-':>6} {'-':>6}")
                continue
            cells.append(
                f"{float(row['Requests/s']):13.1f} {row['50%']:>6} {row['95%']:>6}"
                f" {row['Failure Count']:>6}"
            )
        print(f"{name[:36]:36} {cells[0]}   {cells[1]:>15}")
    for kind, label in (
        ("multi", f"{options.workers} workers"),
        ("single", "1 process"),
    ):
        result = results[kind]
        if not result:
            continue
        print(
            f"{label}: charge run {result['charge_units_per_second']:.1f} units/s "
            f"under the load (jobs: {result['jobs']}); "
            f"{len(result['failures'])} kinds of failed requests; "
            f"{sum(result['server_errors'].values())} ERROR lines in the server "
            f"log ({result['logfile'].name}); after the run {result['load']}"
        )
        for failure in result["failures"][:5]:
            name, error = failure["Name"], failure["Error"]
            print(f"  failed: {name}: {error} x{failure['Occurrences']}")
        for message, count in result["server_errors"].most_common(5):
            print(f"  server: {message} x{count}")


def run(env, args):
    parser = argparse.ArgumentParser(prog="bench_load")
    add_cooperative_options(parser, residents=200)
    parser.add_argument("--contractors", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--think-resident", default="10-30")
    parser.add_argument("--think-contractor", default="10-30")
    parser.add_argument("--workers", type=int, default=serve.default_workers())
    parser.add_argument("--port", type=int, default=8291)
    parser.add_argument(
        "--batch-size", type=int, default=200, help="units per charge-run job"
    )
    parser.add_argument(
        "--job-workers", type=int, help="charge-run jobs at once (./msom serve's)"
    )
    parser.add_argument("--locust", default=os.environ.get("MSOM_LOCUST", "locust"))
    parser.add_argument(
        "--build-only", action="store_true", help="build, measure later (--reuse)"
    )
    parser.add_argument(
        "--no-charge-run",
        dest="charge_run",
        action="store_false",
        help="the pages alone, no charge run meanwhile",
    )
    parser.add_argument(
        "--only", choices=("workers", "single"), help="measure one server only"
    )
    options = parser.parse_args(args)
    if options.reuse:
        users = kept_residents(env)
        workers = [
            (
                user,
                env["fsm.order"].search(
                    [("person_id.partner_id", "=", user.partner_id.id)]
                ),
            )
            for user in env["res.users"].search(
                [("login", "=like", "load_worker%")], order="id"
            )
        ]
    else:
        users, workers = build(env, options)
        if options.build_only:
            return
    measure_both(env, options, users, workers)


def build(env, options):
    """The cooperative, its residents, documents and contractor workers."""
    started = time.perf_counter()
    build_cooperative(env, options.units, "Os. Obciążeniowe", "ul. Obciążeniowa")
    loaded, _units, load_time = load_history(env, options.history_lines, options.years)
    users, resident_units = setup_residents(env, options.residents)
    env.cr.commit()
    setup_documents(env, resident_units, users)
    workers = setup_contractors(env, options.contractors, resident_units)
    env.ref("payment.payment_provider_demo").write(
        {"state": "test", "is_published": True}
    )
    env.cr.commit()
    unit_count = env["fsm.location"].search_count([("location_level", "=", "unit")])
    print(
        f"data: {unit_count} units, {loaded} journal items of history "
        f"({load_time:.0f} s), {len(users)} residents, {len(workers)} workers; "
        f"built in {time.perf_counter() - started:.0f} s"
    )
    return users, workers


def measure_both(env, options, users, workers):
    """The multi-process server, then the single process, side by side."""
    think = {
        kind: [float(value) for value in getattr(options, f"think_{kind}").split("-")]
        for kind in ("resident", "contractor")
    }
    spec = {
        "logins": users.mapped("login"),
        "pages": {user.login: resident_pages(env, user) for user in users},
        "workers": [(user.login, jobs.ids) for user, jobs in workers],
        "locust": {
            "resident_count": len(users),
            "contractor_count": len(workers),
            "think_seconds": think,
            "contractor_base": CONTRACTOR_BASE,
        },
    }
    env.cr.commit()
    # each measure posts a month of its own, after the last one charged
    env.cr.execute("SELECT max(period) FROM msom_charge_run")
    last = env.cr.fetchone()[0] or date.today().replace(day=1)
    next_month = last + relativedelta(months=1)
    results = {
        "multi": options.only != "single"
        and measure(env, options, spec, options.workers, next_month),
        "single": options.only != "workers"
        and measure(env, options, spec, 0, next_month + relativedelta(months=1)),
    }
    print_side_by_side(results, options)
