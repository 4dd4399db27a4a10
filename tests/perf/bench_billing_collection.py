"""Debt collection and import speed: interest notes, reading import.

Usage: ./msom bench billing_collection [-- --units 20000 --years 3
                                          --readings 50000 --post 500]

1. Interest notes for --units units with --years years of monthly charges,
   payments and their reconciliations, bulk-loaded with COPY (keys and
   indexes rebuilt afterwards; a fifth of the payments late by 1–60 days):
   computing the notes for the payments of
   the last year (one SQL query, interest per paid part, notes created in
   batches), then posting --post of them as journal entries.
2. Importing an .xlsx of --readings meter readings (five per meter) written
   with openpyxl: dry run, then the all-or-nothing import.
"""

import argparse
import base64
import io
import random
import time
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from tests.perf.common import bulk_load_mode, cooperative_spec

MODULES = ["msom_collection", "msom_meter"]


def load_history(env, years, first_month):
    """Monthly charges, payments and partial reconciliations per unit (COPY)."""
    cr = env.cr
    company = env.company
    journal = company._msom_get_charge_journal()
    bank = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    receivable = (
        env["res.partner"].new({}).with_company(company).property_account_receivable_id
    )
    income = env["msom.charge.component"].search([], limit=1).account_id
    cr.execute(
        """
        SELECT DISTINCT ON (unit_id) unit_id, partner_id FROM msom_occupancy
         WHERE role IN ('owner', 'co_owner', 'member', 'tenant')
         ORDER BY unit_id, id
        """
    )
    payers = cr.fetchall()
    currency = company.currency_id.id
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM account_move")
    move_id = cr.fetchone()[0]
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM account_move_line")
    line_id = cr.fetchone()[0]
    moves, lines, partials = io.StringIO(), io.StringIO(), io.StringIO()
    rng = random.Random(11)
    counts = {"lines": 0, "late": 0}
    started = time.perf_counter()

    def flush():
        for buffer, table, columns in (
            (moves, "account_move", ("id", "journal_id", "company_id",
             "currency_id", "state", "move_type", "auto_post", "date", "name",
             "unit_id", "partner_id")),
            (lines, "account_move_line", ("id", "move_id", "account_id",
             "company_id", "currency_id", "company_currency_id", "parent_state",
             "date", "date_maturity", "balance", "amount_currency", "debit",
             "credit", "amount_residual", "amount_residual_currency", "unit_id",
             "partner_id", "display_type", "reconciled", "journal_id")),
            (partials, "account_partial_reconcile", ("debit_move_id",
             "credit_move_id", "amount", "debit_amount_currency",
             "credit_amount_currency", "company_id", "max_date",
             "debit_currency_id", "credit_currency_id")),
        ):  # fmt: skip
            buffer.seek(0)
            cr.copy_from(buffer, table, columns=columns)
            buffer.seek(0)
            buffer.truncate()

    def line(move, account, day, due, balance, unit, partner, reconciled, jid):
        nonlocal line_id
        line_id += 1
        residual = 0 if reconciled else balance
        lines.write(
            f"{line_id}\t{move}\t{account}\t{company.id}\t{currency}\t{currency}\t"
            f"posted\t{day}\t{due}\t{balance}\t{balance}\t{max(balance, 0)}\t"
            f"{max(-balance, 0)}\t{residual}\t{residual}\t{unit}\t{partner}\t"
            f"product\t{'t' if reconciled else 'f'}\t{jid}\n"
        )
        counts["lines"] += 1
        return line_id

    env.flush_all()
    tables = ("account_move", "account_move_line", "account_partial_reconcile")
    with bulk_load_mode(cr, tables):
        for position, (unit, partner) in enumerate(payers, start=1):
            if position % 500 == 0:
                flush()
            for month in range(years * 12):
                day = first_month + relativedelta(months=month)
                due = day.replace(day=10)
                amount = round(rng.uniform(300, 900), 2)
                late = rng.random() < 0.2
                paid = due + timedelta(
                    days=rng.randint(1, 60) if late else -rng.randint(0, 8)
                )
                counts["late"] += late
                move_id += 1
                moves.write(
                    f"{move_id}\t{journal.id}\t{company.id}\t{currency}\tposted\tentry\t"
                    f"no\t{day}\tNAL/{move_id}\t{unit}\t{partner}\n"
                )
                debit = line(move_id, receivable.id, day, due, amount, unit,
                             partner, True, journal.id)  # fmt: skip
                line(
                    move_id,
                    income.id,
                    day,
                    due,
                    -amount,
                    unit,
                    partner,
                    True,
                    journal.id,
                )
                move_id += 1
                moves.write(
                    f"{move_id}\t{bank.id}\t{company.id}\t{currency}\tposted\tentry\t"
                    f"no\t{paid}\tBNK/{move_id}\t{unit}\t{partner}\n"
                )
                credit = line(move_id, receivable.id, paid, paid, -amount, unit,
                              partner, True, bank.id)  # fmt: skip
                line(move_id, bank.default_account_id.id, paid, paid, amount, unit,
                     partner, True, bank.id)  # fmt: skip
                partials.write(
                    f"{debit}\t{credit}\t{amount}\t{amount}\t{amount}\t{company.id}\t"
                    f"{max(paid, day)}\t{currency}\t{currency}\n"
                )
        flush()
    for table in tables:
        cr.execute(f"SELECT setval('{table}_id_seq', (SELECT MAX(id) FROM {table}))")
    env.cr.commit()
    env.invalidate_all()
    return counts, len(payers), time.perf_counter() - started


def interest_notes(env, date_from, date_to, post_count):
    run = env["msom.interest.run"].create(
        {"date_from": date_from, "date_to": date_to, "date": date_to,
         "min_amount": 0.01, "batch_size": 250}
    )  # fmt: skip
    env.cr.commit()
    started = time.perf_counter()
    run.action_compute()
    env.cr.commit()
    computed = time.perf_counter() - started
    lines = env["msom.interest.note.line"].search_count(
        [("note_id.run_id", "=", run.id)]
    )
    notes = run.note_ids[:post_count]
    started = time.perf_counter()
    for start in range(0, len(notes), 250):
        notes[start : start + 250]._post()
        env.cr.commit()
    posted = time.perf_counter() - started
    return run, lines, computed, len(notes), posted


def reading_import(env, count):
    Meter = env["msom.meter"].with_context(tracking_disable=True)
    units = env["fsm.location"].search([("location_level", "=", "unit")])
    meters_needed = max(1, count // 5)
    start = date.today() - relativedelta(months=16)
    started = time.perf_counter()
    vals_list = [
        {"serial_number": f"BZ-{index:07d}", "meter_type": "cold_water",
         "unit_id": units[index % len(units)].id, "install_date": start,
         "initial_reading": 10.0}
        for index in range(meters_needed)
    ]  # fmt: skip
    for chunk in range(0, len(vals_list), 2000):
        Meter.create(vals_list[chunk : chunk + 2000])
    env.cr.commit()
    meters_time = time.perf_counter() - started
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Odczyty")
    sheet.append(["Nr licznika", "Data odczytu", "Odczyt"])
    rows = 0
    for index in range(meters_needed):
        value = 10.0
        for quarter in range(5):
            if rows >= count:
                break
            value = round(value + random.uniform(2, 9), 3)
            sheet.append(
                [
                    f"BZ-{index:07d}",
                    start + relativedelta(months=3 * quarter + 1),
                    value,
                ]
            )
            rows += 1
    stream = io.BytesIO()
    book.save(stream)
    wizard = env["msom.zsi.import"].create(
        {"kind": "readings", "file": base64.b64encode(stream.getvalue()),
         "filename": "odczyty.xlsx"}
    )  # fmt: skip
    env.cr.commit()
    started = time.perf_counter()
    wizard.action_dry_run()
    env.cr.commit()  # the web client commits between the two buttons too
    dry = time.perf_counter() - started
    started = time.perf_counter()
    wizard.action_import()
    env.cr.commit()
    done = time.perf_counter() - started
    return meters_needed, meters_time, rows, wizard, dry, done


def run(env, args):
    parser = argparse.ArgumentParser(prog="bench_billing_collection")
    parser.add_argument("--units", type=int, default=20000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--readings", type=int, default=50000)
    parser.add_argument("--post", type=int, default=500)
    parser.add_argument("--skip", default="", help="comma list: interest,import")
    options = parser.parse_args(args)
    skip = set(filter(None, options.skip.split(",")))

    today = date.today()
    first_month = today.replace(day=1) - relativedelta(months=options.years * 12)
    started = time.perf_counter()
    env["msom.registry.generator"].generate(
        cooperative_spec(
            options.units, "Os. Windykacyjne", "ul. Windykacyjna", floors=10
        ),
        seed=5,
        commit=True,
    )
    env["msom.billing.demo"]._setup_billing(env.company, first_month)
    env.cr.commit()
    units = env["fsm.location"].search_count([("location_level", "=", "unit")])
    print(f"registry: {units} units in {time.perf_counter() - started:.0f} s")

    if "interest" not in skip:
        counts, payers, load_time = load_history(env, options.years, first_month)
        print(
            f"history: {payers} units x {options.years * 12} months, "
            f"{counts['lines']} journal items, {counts['late']} late payments, "
            f"bulk-loaded with COPY in {load_time:.0f} s"
        )
        date_to = today.replace(day=1) - timedelta(days=1)
        date_from = date_to.replace(day=1) - relativedelta(months=11)
        run_, lines, computed, posted_count, posted = interest_notes(
            env, date_from, date_to, options.post
        )
        print(
            f"interest notes {date_from}..{date_to}: {run_.note_count} notes with "
            f"{lines} late documents, total {run_.amount_total:.2f} zł, computed in "
            f"{computed:.1f} s ({lines / computed:.0f} documents/s)"
        )
        if posted_count:
            print(
                f"posting {posted_count} notes as journal entries: {posted:.1f} s "
                f"= {posted_count / posted:.1f} notes/s"
            )

    if "import" not in skip:
        meters, meters_time, rows, wizard, dry, done = reading_import(
            env, options.readings
        )
        print(f"meters: {meters} created in {meters_time:.0f} s")
        print(
            f"reading import: {rows} rows (.xlsx), dry run {dry:.1f} s, import "
            f"{done:.1f} s = {wizard.imported_count / done:.0f} rows/s, "
            f"{wizard.error_count} errors"
        )
