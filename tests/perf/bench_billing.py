"""Billing speed: the monthly charge run, unit turnover, payment matching.

Usage: ./msom bench billing [-- --units 20000 --naive-units 200
                               --history-lines 5000000 --payments 10000]

1. Charge run of --units units x 8 components (preview + posting in batches
   with a commit per batch), against a naive loop of account.move.create +
   action_post per unit for --naive-units units; prints both rates and the
   ratio.
2. Turnover and balance of one unit in a database holding --history-lines
   journal items (ten years of monthly charges and payments for every unit,
   bulk-loaded with COPY): the SQL aggregate, cold and warm.
3. Matching --payments bank statement lines by individual account number
   (creation of the lines is timed separately).
"""

import argparse
import io
import os
import random
import time
from datetime import date

from dateutil.relativedelta import relativedelta

MODULES = ["msom_billing"]


def load():
    """The machine's load average, printed with every figure."""
    return "(load average %.2f %.2f %.2f)" % os.getloadavg()


def cooperative_spec(units):
    """Buildings of 10 floors x 2 staircases x 4 units = 80 units each."""
    buildings = [
        {
            "street": f"ul. Rozliczeniowa {number}",
            "latitude": 52.2 + number * 1e-4,
            "longitude": 21.0,
            "floors": 10,
            "staircases": 2,
            "units_per_floor": 4,
            "lifts": 1,
        }
        for number in range(1, units // 80 + 1)
    ]
    return [
        {"name": "Os. Rozliczeniowe", "city": "Warszawa", "zip": "00-001",
         "buildings": buildings}
    ]  # fmt: skip


def charge_run(env, period):
    run = env["msom.charge.run"].create({"period": period, "batch_size": 250})
    started = time.perf_counter()
    run.action_preview()
    env.cr.commit()
    planned = time.perf_counter()
    run.state = "running"
    run._process(commit=True)
    done = time.perf_counter()
    return run, planned - started, done - planned


def naive_loop(env, period, count):
    """The same documents, one create + post per unit."""
    run = env["msom.charge.run"].create({"period": period})
    units = env["fsm.location"].search(
        [("location_level", "=", "unit")], limit=count, order="id"
    )
    run._create_plan(units)
    lines = run.line_ids.filtered(lambda line: line.state == "planned")
    components = {c.id: c for c in env["msom.charge.component"].search([])}
    accounts = lines._virtual_accounts()
    env.cr.commit()
    started = time.perf_counter()
    for line in lines:
        vals = line._prepare_move_vals(
            components, accounts[(line.partner_id, line.unit_id)]
        )
        move = env["account.move"].create(vals)
        move.action_post()
    env.cr.commit()
    return len(lines), time.perf_counter() - started


def load_history(env, target_lines=5_000_000, years=10):
    """Bulk-load synthetic unit history with COPY; returns
    (journal items loaded, units covered, seconds).

    For the first units of the registry (as many as `target_lines` needs),
    `years` of monthly charges and payments: per unit and month one posted
    charge entry (receivable debit, income credit) due on the 10th and,
    for 95% of the months, one posted payment (receivable credit), all with
    unit_id set, so that the turnover queries read realistic volumes. Needs
    msom_billing set up (the demo's _setup_billing: chart, components) and
    the registry; commits. Other benchmarks may import it:

        from tests.perf.bench_billing import load_history
        items, units, seconds = load_history(env, 5_000_000, years=10)
    """
    cr = env.cr
    company = env.company
    journal = env["account.journal"].search(
        [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
    )
    receivable = (
        env["res.partner"].new({}).with_company(company).property_account_receivable_id
    )
    income = env["msom.charge.component"].search([], limit=1).account_id
    units = env["fsm.location"].search([("location_level", "=", "unit")]).ids
    months = years * 12
    # per unit and month: one charge move (2 lines) and one payment (2 lines)
    per_unit = months * 4
    unit_count = min(len(units), max(1, target_lines // per_unit))
    units = units[:unit_count]
    currency = company.currency_id.id
    start = date.today().replace(day=1) - relativedelta(years=years + 1)
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM account_move")
    move_id = cr.fetchone()[0]
    moves = io.StringIO()
    lines = io.StringIO()
    count = 0
    rng = random.Random(7)
    started = time.perf_counter()

    def flush():
        moves.seek(0)
        lines.seek(0)
        cr.copy_from(
            moves,
            "account_move",
            columns=("id", "journal_id", "company_id", "currency_id", "state",
                     "move_type", "auto_post", "date", "name", "unit_id"),
        )  # fmt: skip
        cr.copy_from(
            lines,
            "account_move_line",
            columns=("move_id", "account_id", "company_id", "currency_id",
                     "company_currency_id", "parent_state", "date",
                     "date_maturity", "balance", "amount_currency", "debit",
                     "credit", "amount_residual", "amount_residual_currency",
                     "unit_id", "display_type", "reconciled"),
        )  # fmt: skip
        moves.seek(0)
        moves.truncate()
        lines.seek(0)
        lines.truncate()

    for position, unit in enumerate(units, start=1):
        if position % 500 == 0:
            flush()
        for month in range(months):
            day = start + relativedelta(months=month)
            amount = round(rng.uniform(300, 900), 2)
            paid = amount if rng.random() > 0.05 else 0.0
            for kind, total, when in (
                ("charge", amount, day),
                ("payment", paid, day + relativedelta(days=9)),
            ):
                if not total:
                    continue
                move_id += 1
                moves.write(
                    f"{move_id}\t{journal.id}\t{company.id}\t{currency}\tposted\t"
                    f"entry\tno\t{when}\tSYN/{move_id}\t{unit}\n"
                )
                sign = 1 if kind == "charge" else -1
                maturity = (day + relativedelta(days=9)).isoformat()
                for account, balance in (
                    (receivable.id, sign * total),
                    (income.id, -sign * total),
                ):
                    lines.write(
                        f"{move_id}\t{account}\t{company.id}\t{currency}\t{currency}\t"
                        f"posted\t{when}\t{maturity}\t{balance}\t{balance}\t"
                        f"{max(balance, 0)}\t{max(-balance, 0)}\t{balance}\t"
                        f"{balance}\t{unit}\tproduct\tf\n"
                    )
                    count += 1
    flush()
    cr.execute(
        "SELECT setval('account_move_id_seq', (SELECT MAX(id) FROM account_move))"
    )
    cr.execute("ANALYZE account_move_line")
    cr.execute("ANALYZE account_move")
    env.cr.commit()
    return count, unit_count, time.perf_counter() - started


def turnover(env, years):
    cr = env.cr
    cr.execute("SELECT COUNT(*) FROM account_move_line")
    total_lines = cr.fetchone()[0]
    cr.execute(
        "SELECT unit_id FROM account_move_line WHERE unit_id IS NOT NULL "
        "GROUP BY unit_id ORDER BY COUNT(*) DESC LIMIT 1"
    )
    unit = env["fsm.location"].browse(cr.fetchone()[0])
    cr.execute("SELECT COUNT(*) FROM account_move_line WHERE unit_id = %s", [unit.id])
    unit_lines = cr.fetchone()[0]
    date_to = date.today()
    date_from = date_to - relativedelta(years=years)
    timings = []
    for _attempt in range(5):
        env.invalidate_all()
        started = time.perf_counter()
        data = unit._msom_turnover(date_from, date_to)
        timings.append(time.perf_counter() - started)
    return total_lines, unit_lines, timings, data[unit.id]


def matching(env, count, plain=500):
    """Import `count` payments to individual accounts (matched, booked on
    the unit and reconciled oldest first); for reference, plain ORM
    creation of `plain` of the same lines without matching (rolled back).
    Returns (plain lines/s, seconds for all, lines matched, charges settled).
    """
    accounts = env["msom.virtual.account"].search([], limit=count)
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
    )
    vals_list = [
        {
            "journal_id": journal.id,
            "date": date.today(),
            "amount": 400.0 + (index % 7) * 10,
            "account_number": accounts[index % len(accounts)].number,
            "payment_ref": "opłaty",
            "msom_match_state": "todo",
        }
        for index in range(count)
    ]
    StLine = env["account.bank.statement.line"]
    # 1. import: a statement per 500 lines, created already matched, then
    # reconciled oldest first, committed per statement
    started = time.perf_counter()
    lines = StLine.browse()
    for start in range(0, count, 500):
        statement = env["account.bank.statement"].create(
            {"name": f"Wyciąg {start // 500 + 1}", "journal_id": journal.id}
        )
        batch = [
            dict(vals, statement_id=statement.id)
            for vals in vals_list[start : start + 500]
        ]
        lines |= StLine._msom_create_matched(batch)
        env.cr.commit()
    matched_time = time.perf_counter() - started
    matched = StLine.search_count(
        [("id", "in", lines.ids), ("msom_match_state", "=", "matched")]
    )
    env.cr.execute(
        "SELECT COUNT(DISTINCT part.debit_move_id) FROM account_partial_reconcile"
        " part JOIN account_move_line line ON line.id = part.credit_move_id"
        " WHERE line.statement_line_id = ANY(%s)",
        [lines.ids],
    )
    settled = env.cr.fetchone()[0]
    # 2. for reference: plain creation of some of the same lines, unmatched
    started = time.perf_counter()
    StLine.create([dict(vals, msom_match_state="todo") for vals in vals_list[:plain]])
    created = plain / (time.perf_counter() - started)
    env.cr.rollback()
    return created, matched_time, matched, settled


def run(env, args):
    parser = argparse.ArgumentParser(prog="bench_billing")
    parser.add_argument("--units", type=int, default=20000)
    parser.add_argument("--naive-units", type=int, default=200)
    parser.add_argument("--history-lines", type=int, default=5_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--payments", type=int, default=10000)
    parser.add_argument("--skip", default="", help="comma list: run,turnover,match")
    options = parser.parse_args(args)
    skip = set(filter(None, options.skip.split(",")))

    period = date.today().replace(day=1)
    started = time.perf_counter()
    env["msom.registry.generator"].generate(
        cooperative_spec(options.units), seed=3, commit=True
    )
    env["msom.billing.demo"]._setup_billing(env.company, period)
    env.cr.commit()
    units = env["fsm.location"].search_count([("location_level", "=", "unit")])
    print(f"registry: {units} units in {time.perf_counter() - started:.0f} s {load()}")

    if "run" not in skip:
        run_, plan_time, post_time = charge_run(env, period)
        posted = run_.posted_count
        total = plan_time + post_time
        rate = posted / total
        print(
            f"charge run: {posted} documents x 8 components; preview {plan_time:.1f}"
            f" s, posting {post_time:.1f} s, total {total:.1f} s = {rate:.1f} units/s"
            f" {load()}"
        )
        naive_count, naive_time = naive_loop(
            env, period + relativedelta(months=1), options.naive_units
        )
        naive_rate = naive_count / naive_time
        print(
            f"naive loop (create + action_post per unit): {naive_count} in "
            f"{naive_time:.1f} s = {naive_rate:.1f} units/s {load()}"
        )
        print(f"charge run / naive loop: {rate / naive_rate:.1f}x")

    if "turnover" not in skip:
        loaded, unit_count, load_time = load_history(
            env, options.history_lines, options.years
        )
        print(
            f"history: {loaded} journal items for {unit_count} units bulk-loaded "
            f"with COPY in {load_time:.0f} s"
        )
        total_lines, unit_lines, timings, data = turnover(env, options.years)
        print(
            f"turnover of one unit ({unit_lines} items, {options.years} years) in a "
            f"table of {total_lines} items: first {timings[0] * 1000:.1f} ms, "
            f"best {min(timings) * 1000:.1f} ms, median "
            f"{sorted(timings)[len(timings) // 2] * 1000:.1f} ms {load()}"
        )
        print(
            "  opening %(opening).2f charges %(charges).2f payments %(payments).2f "
            "closing %(closing).2f overdue %(overdue).2f" % data
        )

    if "match" not in skip:
        created, matched_time, matched, settled = matching(env, options.payments)
        print(
            f"payments: {matched} of {options.payments} statement lines imported,"
            f" matched and reconciled with {settled} charges in {matched_time:.1f} s"
            f" = {options.payments / matched_time:.0f} lines/s (plain ORM creation"
            f" of such lines without matching: {created:.0f} lines/s) {load()}"
        )
