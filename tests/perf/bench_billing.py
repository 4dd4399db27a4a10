"""Billing speed: the monthly charge run, unit turnover, payment matching.

Usage: ./msom bench billing [-- --units 20000 --naive-units 200
                               --orm-units 20000
                               --history-lines 5000000 --payments 10000]

1. Charge run of --units units x 8 components (preview + posting in batches
   with a commit per batch) on the SQL path, the same run on the ORM batch
   path (one create and one post per batch, as when another module hooks
   posting or the journal is secured) for --orm-units of those units (all
   by default), and a naive loop of account.move.create + action_post per
   unit for --naive-units units; prints the three rates and the ratios.
2. Turnover and balance of one unit in a database holding --history-lines
   journal items (ten years of monthly charges and payments for every unit,
   bulk-loaded in SQL): the SQL aggregate, cold and warm.
3. Importing --payments bank statement lines in CSV files of 500 lines
   through OCA's statement import wizard: matched by individual account
   number and reconciled (plain creation of the lines is timed separately).
"""

import argparse
import base64
import time
from datetime import date

from dateutil.relativedelta import relativedelta

from tests.perf.common import bulk_load_mode, cooperative_spec, load_average

MODULES = ["msom_billing"]


def charge_run(env, period, units=None):
    """The charge run of `period`, on `units` (all by default)."""
    run = env["msom.charge.run"].create({"period": period, "batch_size": 250})
    started = time.perf_counter()
    if units is None:
        run.action_preview()
    else:
        run._create_plan(units)
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
    """Bulk-load synthetic unit history in SQL; returns
    (journal items loaded, units covered, seconds).

    For the first units of the registry (as many as `target_lines` needs),
    `years` of monthly charges and payments: per unit and month one posted
    charge entry (receivable debit, income credit) due on the 10th and,
    for 95% of the months, one posted payment (receivable credit), all with
    unit_id set, written month after month as charge runs would, so that
    the turnover queries read realistic volumes and page layouts. Needs
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
    unit_count = min(len(units), max(1, target_lines // (months * 4)))
    env.flush_all()
    started = time.perf_counter()
    params = {
        "units": units[:unit_count],
        "months": months,
        "start": date.today().replace(day=1) - relativedelta(years=years + 1),
        "journal": journal.id,
        "company": company.id,
        "currency": company.currency_id.id,
        "receivable": receivable.id,
        "income": income.id,
    }
    with bulk_load_mode(cr, ("account_move", "account_move_line")):
        cr.execute("SELECT setseed(0.7)")
        cr.execute(
            """
            CREATE TEMP TABLE msom_synthetic_move ON COMMIT DROP AS
            WITH month_charge AS (
                SELECT unit, month,
                       round((300 + random() * 600)::numeric, 2) AS amount,
                       random() > 0.05 AS paid
                  FROM generate_series(0, %(months)s - 1) month,
                       unnest(%(units)s::int[]) unit
            ), document AS (
                SELECT unit, month, 1 AS sign, amount, 0 AS delay FROM month_charge
                 UNION ALL
                SELECT unit, month, -1, amount, 9 FROM month_charge WHERE paid
            )
            SELECT (SELECT COALESCE(MAX(id), 0) FROM account_move)
                   + row_number() OVER (ORDER BY month, sign DESC, unit) AS id,
                   unit, sign * amount AS amount,
                   (%(start)s::date + month * interval '1 month')::date + delay AS day,
                   (%(start)s::date + month * interval '1 month')::date + 9 AS maturity
              FROM document
            """,
            params,
        )
        # always_tax_exigible as Odoo computes it for an entry without taxes
        # (the reconciliation's SQL path takes only such entries)
        cr.execute(
            """
            INSERT INTO account_move (id, journal_id, company_id, currency_id,
                                      state, move_type, auto_post, date, name,
                                      unit_id, always_tax_exigible)
            SELECT id, %(journal)s, %(company)s, %(currency)s, 'posted', 'entry',
                   'no', day, 'SYN/' || id, unit, true
              FROM msom_synthetic_move ORDER BY id
            """,
            params,
        )
        cr.execute(
            """
            INSERT INTO account_move_line (
                move_id, journal_id, account_id, company_id, currency_id,
                company_currency_id, parent_state, date, date_maturity, balance,
                amount_currency, debit, credit, amount_residual,
                amount_residual_currency, unit_id, display_type, reconciled)
            SELECT move.id, %(journal)s, side.account, %(company)s, %(currency)s,
                   %(currency)s, 'posted', move.day, move.maturity, side.balance,
                   side.balance, GREATEST(side.balance, 0), GREATEST(-side.balance, 0),
                   side.balance, side.balance, move.unit, 'product', false
              FROM msom_synthetic_move move
             CROSS JOIN LATERAL (VALUES (%(receivable)s, move.amount),
                                        (%(income)s, -move.amount))
                   AS side(account, balance)
             ORDER BY move.id
            """,
            params,
        )
        count = cr.rowcount
    cr.execute(
        "SELECT setval('account_move_id_seq', (SELECT MAX(id) FROM account_move))"
    )
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
    # 1. import: a CSV file of the bank per 500 lines through OCA's import
    # wizard (parsed, booked already matched, reconciled oldest first),
    # committed per file
    files = [
        "\n".join(
            ["data;kwota;waluta;rachunek;nadawca;tytuł;id transakcji"]
            + [
                f"{vals['date']};{vals['amount']:.2f};PLN;{vals['account_number']};"
                f"Mieszkaniec;{vals['payment_ref']};B{start + index}"
                for index, vals in enumerate(vals_list[start : start + 500])
            ]
        ).encode()
        for start in range(0, count, 500)
    ]
    Import = env["account.statement.import"].with_context(journal_id=journal.id)
    started = time.perf_counter()
    Statement = env["account.bank.statement"]
    statements = Statement
    for number, content in enumerate(files, start=1):
        action = Import.create(
            {
                "statement_file": base64.b64encode(content),
                "statement_filename": f"wyciag-{number}.csv",
            }
        ).import_file_button()
        statements |= Statement.search(action["domain"])
        env.cr.commit()
    matched_time = time.perf_counter() - started
    lines = statements.line_ids
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
    parser.add_argument("--orm-units", type=int, default=0, help="0: all units")
    parser.add_argument("--history-lines", type=int, default=5_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--payments", type=int, default=10000)
    parser.add_argument("--skip", default="", help="comma list: run,turnover,match")
    options = parser.parse_args(args)
    skip = set(filter(None, options.skip.split(",")))
    if "run" in skip and "match" not in skip:
        parser.error("matching needs the charge run (its individual accounts)")

    period = date.today().replace(day=1)
    started = time.perf_counter()
    env["msom.registry.generator"].generate(
        cooperative_spec(
            options.units, "Os. Rozliczeniowe", "ul. Rozliczeniowa", floors=10, lifts=1
        ),
        seed=3,
        commit=True,
    )
    env["msom.billing.demo"]._setup_billing(env.company, period)
    env.cr.commit()
    units = env["fsm.location"].search_count([("location_level", "=", "unit")])
    print(
        f"registry: {units} units in {time.perf_counter() - started:.0f} s "
        f"{load_average()}"
    )

    if "run" not in skip:
        run_, plan_time, post_time = charge_run(env, period)
        posted = run_.posted_count
        total = plan_time + post_time
        rate = posted / total
        print(
            f"charge run: {posted} documents x 8 components; preview {plan_time:.1f}"
            f" s, posting {post_time:.1f} s, total {total:.1f} s = {rate:.1f} units/s"
            f" {load_average()}"
        )
        orm_units = env["fsm.location"].search(
            [("location_level", "=", "unit")], limit=options.orm_units or None
        )
        orm_run, orm_plan, orm_post = charge_run(
            env(context=dict(env.context, msom_orm_posting=True)),
            period + relativedelta(months=2),
            orm_units,
        )
        orm_rate = orm_run.posted_count / (orm_plan + orm_post)
        print(
            f"charge run, ORM batch path: {orm_run.posted_count} documents; preview"
            f" {orm_plan:.1f} s, posting {orm_post:.1f} s = {orm_rate:.1f} units/s"
            f" {load_average()}"
        )
        naive_count, naive_time = naive_loop(
            env, period + relativedelta(months=1), options.naive_units
        )
        naive_rate = naive_count / naive_time
        print(
            f"naive loop (create + action_post per unit): {naive_count} in "
            f"{naive_time:.1f} s = {naive_rate:.1f} units/s {load_average()}"
        )
        print(
            f"SQL path / naive loop: {rate / naive_rate:.1f}x; ORM batch path /"
            f" naive loop: {orm_rate / naive_rate:.1f}x"
        )

    if "turnover" not in skip:
        loaded, unit_count, load_time = load_history(
            env, options.history_lines, options.years
        )
        print(
            f"history: {loaded} journal items for {unit_count} units bulk-loaded "
            f"in SQL in {load_time:.0f} s"
        )
        total_lines, unit_lines, timings, data = turnover(env, options.years)
        print(
            f"turnover of one unit ({unit_lines} items, {options.years} years) in a "
            f"table of {total_lines} items: first {timings[0] * 1000:.1f} ms, "
            f"best {min(timings) * 1000:.1f} ms, median "
            f"{sorted(timings)[len(timings) // 2] * 1000:.1f} ms {load_average()}"
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
            f" of such lines without matching: {created:.0f} lines/s) {load_average()}"
        )
