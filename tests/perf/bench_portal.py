"""Resident portal speed: every portal page of a resident with 3 units.

Usage: ./msom bench portal [-- --units 20000 --history-lines 5000000
                              --residents 50 --samples 30 --duration 60]

1. Builds a cooperative of --units units (registry generator), bulk-loads
   --history-lines journal items of synthetic history with bench_billing's
   COPY loader, gives --residents portal users 3 units each (units with
   history; the third one commercial, so it gets VAT invoices), posts one
   charge run over their buildings and creates tickets on their units.
2. Starts a real Odoo HTTP server on loopback (threaded, --workers=0) on this
   database and, for one resident, requests every portal page --samples
   times: median and p95 of the server time (query time + other time of the
   werkzeug log line) and of the loopback wall time, beside Odoo's own
   /my/invoices measured in the same run. The demo payment provider is
   enabled, so the online payment pages of a unit and of a charge notice
   render Odoo's payment form.
3. --residents residents browse the portal pages concurrently for --duration
   seconds (one thread and one session each, logged in beforehand):
   requests, errors, rate.
4. Booking one confirmed online payment: a transaction per resident for the
   dues of their first unit, confirmed and post-processed (payment, booking
   on the unit, reconciliation, message to the resident), timed one by one.

--reuse measures again on a database kept with ./msom bench --keep-db
(--skip-pages: only the concurrent browsing).
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import requests
from dateutil.relativedelta import relativedelta

from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_billing import load_history  # noqa: E402

from tests.perf.common import cooperative_spec  # noqa: E402

MODULES = ["msom_portal", "payment_demo"]
PASSWORD = "bench-portal"
LOG_LINE = re.compile(
    r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - (?P<queries>\d+) '
    r"(?P<query_time>[\d.]+) (?P<other_time>[\d.]+)"
)


def build_cooperative(env, units, name, street):
    """The benchmark's estate of 10-floor buildings with lifts, and the
    billing setup (components, rates) from this month on, committed."""
    env["msom.registry.generator"].generate(
        cooperative_spec(units, name, street, floors=10, lifts=1),
        seed=3,
        commit=True,
    )
    env["msom.billing.demo"]._setup_billing(env.company, date.today().replace(day=1))
    env.cr.commit()


def setup_residents(env, count):
    """count residents with 3 history-carrying units each, in whole buildings."""
    cr = env.cr
    cr.execute(
        "SELECT unit_id FROM account_move_line WHERE unit_id IS NOT NULL "
        "GROUP BY unit_id ORDER BY unit_id LIMIT %s",
        [count * 3],
    )
    unit_ids = [row[0] for row in cr.fetchall()]
    units = env["fsm.location"].browse(unit_ids)
    if len(units) < count * 3:
        extra = env["fsm.location"].search(
            [("location_level", "=", "unit"), ("id", "not in", unit_ids)],
            limit=count * 3 - len(units),
        )
        units |= extra
    group = env.ref("msom_estate.group_msom_resident")
    today = date.today()
    users = env["res.users"]
    Occupancy = env["msom.occupancy"]
    for index in range(count):
        mine = units[index * 3 : index * 3 + 3]
        partner = env["res.partner"].create(
            {"name": f"Mieszkaniec Bench {index}", "email": f"bench{index}@x.pl"}
        )
        # the generator's occupants leave: the bench resident holds the units
        Occupancy.search(
            [("unit_id", "in", mine.ids), ("is_current", "=", True)]
        ).write({"date_to": today - relativedelta(days=1)})
        Occupancy.create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "role": "owner",
                    "share_numerator": 1,
                    "share_denominator": 1,
                    "date_from": today,
                }
                for unit in mine
            ]
        )
        mine[2].unit_type = "commercial"
        users |= (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": partner.name,
                    "login": f"bench{index}",
                    "password": PASSWORD,
                    "partner_id": partner.id,
                    "group_ids": [(6, 0, [group.id])],
                }
            )
        )
    return users, units


def kept_residents(env):
    """The residents of setup_residents, on a database kept for --reuse."""
    return env["res.users"].search([("login", "=like", "bench%")], order="id")


def add_cooperative_options(parser, residents):
    """The options of the cooperative built here (bench_load builds the
    same): its size, its history and its residents, or --reuse of a kept
    one."""
    parser.add_argument("--units", type=int, default=20000)
    parser.add_argument("--history-lines", type=int, default=5_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--residents", type=int, default=residents)
    parser.add_argument(
        "--reuse", action="store_true", help="measure again on a kept database"
    )


def setup_documents(env, units, users):
    """A posted charge run over the residents' buildings, and tickets."""
    started = time.perf_counter()
    period = date.today().replace(day=1)
    run = env["msom.charge.run"].create(
        {"period": period, "building_ids": [(6, 0, units.building_id.ids)]}
    )
    run.action_post()
    env.cr.commit()
    # no job runner here: post the queued batches as the cron would
    env["msom.charge.run"]._cron_process()
    env.cr.commit()
    documents = env["account.move"].search_count([("msom_charge_run_id", "=", run.id)])
    category = env["fsm.category"].search([], limit=1) or env["fsm.category"].create(
        {"name": "bench hydraulika"}
    )
    Ticket = env["fsm.order"].with_context(
        tracking_disable=True, msom_skip_duplicates=True, mail_create_nolog=True
    )
    vals = []
    for user in users:
        for unit in user.partner_id._get_current_units():
            for number in range(4):
                vals.append(
                    {
                        "location_id": unit.id,
                        "category_id": category.id,
                        "reporter_partner_id": user.partner_id.id,
                        "channel": "portal",
                        "description": f"<p>Usterka {number}</p>",
                    }
                )
    Ticket.create(vals)
    env.cr.commit()
    return documents, len(vals), time.perf_counter() - started


def server_options():
    """The options of this process's Odoo that a server of the same database
    needs: its addons and its database server (bench_load's too)."""
    addons = config["addons_path"]
    if isinstance(addons, (list, tuple)):
        addons = ",".join(addons)
    options = [f"--addons-path={addons}"]
    for option, key in (
        ("--db_host", "db_host"),
        ("--db_port", "db_port"),
        ("--db_user", "db_user"),
        ("--db_password", "db_password"),
    ):
        if config.get(key):
            options.append(f"{option}={config[key]}")
    return options


def start_server(dbname, port, logfile):
    command = [
        sys.executable,
        "-m",
        "odoo",
        f"--database={dbname}",
        f"--db-filter=^{re.escape(dbname)}$",
        *server_options(),
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        "--workers=0",
        "--max-cron-threads=0",
        "--log-level=warn",
        "--log-handler=werkzeug:INFO",
        f"--logfile={logfile}",
    ]
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, base, logfile)
    except RuntimeError:
        process.terminate()
        raise
    return process, base


def wait_until_serving(process, base, logfile, minutes=4):
    for _attempt in range(minutes * 60):
        try:
            if requests.get(f"{base}/web/login", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped; see {logfile}")
        time.sleep(1)
    raise RuntimeError(f"the server did not answer within {minutes} minutes")


def login(base, login_name):
    session = requests.Session()
    page = session.get(f"{base}/web/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = session.post(
        f"{base}/web/login",
        data={"login": login_name, "password": PASSWORD, "csrf_token": token},
        timeout=30,
    )
    if "/web/login" in response.url:
        raise RuntimeError(f"login failed for {login_name}")
    return session


def resident_pages(env, user):
    partner = user.partner_id
    units = partner._get_current_units().sorted("id")
    ticket = env["fsm.order"].search(
        [("reporter_partner_id", "=", partner.id)], limit=1
    )
    invoice = env["account.move"].search(
        [("partner_id", "=", partner.id), ("move_type", "=", "out_invoice")], limit=1
    )
    pages = {
        "home /my": "/my",
        "units": "/my/units",
        "unit": f"/my/units/{units[0].id}",
        "tickets": "/my/tickets",
        "ticket": f"/my/tickets/{ticket.id}",
        "new ticket": "/my/tickets/new",
        "balances": "/my/balances",
        "balances, unit + year": (
            f"/my/balances/{units[0].id}?year={date.today().year - 1}"
        ),
        "invoices of a unit": f"/my/invoices?unit={units[2].id}",
        "payment calendar": "/my/payments/calendar",
        "contact": "/my/contact",
        "votes": "/my/votes",
        "documents": "/my/documents",
        "meters": "/my/meters",
        "consents": "/my/consents",
        "announcements": "/my/announcements",
        "chat with the office": "/my/chat",
        "personal data": "/my/personal",
        "login history": "/my/login-history",
        "public report form": "/zgloszenie",
    }
    notice = env["account.move"].search(
        [("unit_id", "=", units[0].id), ("msom_charge_period", "!=", False)],
        order="msom_charge_period desc",
        limit=1,
    )
    if invoice:
        pages["invoice"] = f"/my/invoices/{invoice.id}"
    pages["pay online, unit"] = f"/my/pay/unit/{units[0].id}"
    if notice:
        pages["pay online, notice"] = f"/my/pay/document/{notice.id}"
    meter = env["msom.meter"].msom_portal_meters(partner)[:1]
    if meter:
        pages["meter, history + chart"] = f"/my/meters/{meter.id}"
    return pages


def server_times(logfile, marker):
    """{marker value: server seconds} from the werkzeug lines of the log."""
    times = {}
    with open(logfile, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = LOG_LINE.search(line)
            if not match or marker not in match["path"]:
                continue
            tag = match["path"].rsplit(marker, 1)[1].split("&", 1)[0]
            times[tag] = float(match["query_time"]) + float(match["other_time"])
    return times


def measure_pages(base, session, pages, samples, logfile):
    wall = {name: [] for name in pages}
    tags = {}
    order = [name for name in pages for _i in range(samples)]
    random.Random(5).shuffle(order)
    for name in pages:  # warm-up: templates, caches
        session.get(base + pages[name], timeout=60)
    for number, name in enumerate(order):
        url = pages[name]
        tag = f"b{number}"
        tags[tag] = name
        joiner = "&" if "?" in url else "?"
        started = time.perf_counter()
        response = session.get(f"{base}{url}{joiner}_bench={tag}", timeout=60)
        wall[name].append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
    time.sleep(1)
    server = {name: [] for name in pages}
    for tag, seconds in server_times(logfile, "_bench=").items():
        if tag in tags:
            server[tags[tag]].append(seconds)
    return wall, server


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def browse_concurrently(base, logins, pages_by_login, duration):
    """One thread per resident, all logged in beforehand (password hashing of
    50 simultaneous logins is not what this measures)."""
    stats = {"requests": 0, "errors": 0, "times": [], "samples": []}
    lock = threading.Lock()
    sessions = {name: login(base, name) for name in logins}
    window = {"stop": time.monotonic() + duration}

    def resident(login_name):
        rng = random.Random(login_name)
        session = sessions[login_name]
        urls = list(pages_by_login[login_name].values())
        while time.monotonic() < window["stop"]:
            url = rng.choice(urls)
            started = time.perf_counter()
            try:
                response = session.get(base + url, timeout=120)
                failed = response.status_code != 200
            except requests.RequestException as error:
                failed, response = True, error
            elapsed = time.perf_counter() - started
            with lock:
                stats["requests"] += 1
                stats["times"].append(elapsed)
                if failed:
                    stats["errors"] += 1
                    if len(stats["samples"]) < 5:
                        stats["samples"].append(f"{url}: {response}")

    threads = [threading.Thread(target=resident, args=(name,)) for name in logins]
    started = time.monotonic()
    window["stop"] = started + duration
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats["elapsed"] = time.monotonic() - started
    return stats


def run(env, args):
    parser = argparse.ArgumentParser(prog="bench_portal")
    add_cooperative_options(parser, residents=50)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--port", type=int, default=8191)
    parser.add_argument("--skip-pages", action="store_true")
    options = parser.parse_args(args)
    if options.reuse:
        measure(env, options, kept_residents(env))
        return

    started = time.perf_counter()
    build_cooperative(env, options.units, "Os. Rozliczeniowe", "ul. Rozliczeniowa")
    units = env["fsm.location"].search_count([("location_level", "=", "unit")])
    print(f"registry: {units} units in {time.perf_counter() - started:.0f} s")
    loaded, unit_count, load_time = load_history(
        env, options.history_lines, options.years
    )
    print(
        f"history: {loaded} journal items for {unit_count} units bulk-loaded "
        f"in SQL in {load_time:.0f} s"
    )
    users, resident_units = setup_residents(env, options.residents)
    env.cr.commit()
    documents, tickets, setup_time = setup_documents(env, resident_units, users)
    env.cr.execute("SELECT COUNT(*) FROM account_move_line")
    total_lines = env.cr.fetchone()[0]
    print(
        f"residents: {len(users)} x 3 units; charge run {documents} documents, "
        f"{tickets} tickets in {setup_time:.0f} s; {total_lines} journal items"
    )
    measure(env, options, users)


def measure(env, options, users):
    env.ref("payment.payment_provider_demo").write(
        {"state": "test", "is_published": True}
    )
    pages_by_login = {user.login: resident_pages(env, user) for user in users}
    env.cr.commit()

    logfile = Path(tempfile.gettempdir()) / f"bench_portal_{os.getpid()}.log"
    process, base = start_server(env.cr.dbname, options.port, logfile)
    try:
        first = users[0].login
        if options.skip_pages:
            return browse_and_print(base, pages_by_login, options)
        session = login(base, first)
        pages = dict(pages_by_login[first])
        resident_units_count = len(users[0].partner_id._get_current_units())
        wall, server = measure_pages(base, session, pages, options.samples, logfile)
        baseline = login(base, first)
        odoo_wall, odoo_server = measure_pages(
            base, baseline, {"Odoo /my/invoices": "/my/invoices"}, options.samples,
            logfile,
        )  # fmt: skip
        wall.update(odoo_wall)
        server.update(odoo_server)
        print(
            f"\npages of a resident with {resident_units_count} units, "
            f"{options.samples} requests each (ms):"
        )
        print(
            f"{'page':28} {'server median':>14} {'server p95':>11} {'wall median':>12}"
        )
        for name in wall:
            print(
                f"{name:28} {statistics.median(server[name] or [0]) * 1000:14.1f} "
                f"{percentile(server[name], 0.95) * 1000:11.1f} "
                f"{statistics.median(wall[name]) * 1000:12.1f}"
            )
        browse_and_print(base, pages_by_login, options)
        measure_booking(env, users)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def browse_and_print(base, pages_by_login, options):
    stats = browse_concurrently(
        base, list(pages_by_login), pages_by_login, options.duration
    )
    print(
        f"\n{len(pages_by_login)} residents browsing concurrently for "
        f"{stats['elapsed']:.0f} s: {stats['requests']} requests, "
        f"{stats['errors']} errors, {stats['requests'] / stats['elapsed']:.1f} "
        f"req/s, wall median {statistics.median(stats['times']) * 1000:.0f} ms, "
        f"p95 {percentile(stats['times'], 0.95) * 1000:.0f} ms"
    )
    for sample in stats["samples"]:
        print(f"  error: {sample}")


def measure_booking(env, users):
    """Confirm one online payment of each resident's first unit's dues and
    time its post-processing (what the provider's notification triggers)."""
    # a fresh snapshot: the server created the residents' conversations
    env.cr.rollback()
    env.invalidate_all()
    provider = env.ref("payment.payment_provider_demo")
    method = env.ref("payment_demo.payment_method_demo")
    Tx = env["payment.transaction"].sudo()
    times = []
    for user in users:
        unit = user.partner_id._get_current_units().sorted("id")[:1]
        amount = unit._msom_open_amount()
        if not amount:
            continue
        tx = Tx.create(
            {
                "provider_id": provider.id,
                "payment_method_id": method.id,
                "reference": Tx._compute_reference("demo", prefix=f"BENCH{unit.id}"),
                "amount": amount,
                "currency_id": env.company.currency_id.id,
                "partner_id": user.partner_id.id,
                "operation": "online_direct",
                "msom_unit_id": unit.id,
            }
        )
        env.flush_all()
        started = time.perf_counter()
        tx._set_done()
        tx._post_process()
        env.flush_all()
        times.append(time.perf_counter() - started)
        if unit._msom_open_amount():
            raise RuntimeError(f"{tx.reference}: the unit's dues are still open")
        env.cr.commit()
    print(
        f"\nbooking and reconciling one confirmed online payment ({len(times)} "
        f"payments, each paying a unit's dues): median "
        f"{statistics.median(times) * 1000:.0f} ms, p95 "
        f"{percentile(times, 0.95) * 1000:.0f} ms"
    )
