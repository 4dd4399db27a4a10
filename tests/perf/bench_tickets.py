"""Ticket board speed with many tickets.

Usage: ./msom bench tickets [-- --tickets 100000 --batch 1000 --units 2000]

Builds a cooperative with the registry generator, bulk-creates --tickets
tickets (one INSERT ... SELECT, spread over stages, groups, units and the last
year), then measures server-side (ORM call, SQL included, caches cleared):

- the board's kanban (web_read_group by stage, unfolded) and list first page,
- each of the four cuts' counters (get_ticket_statistics),
- the map data (10,000 open pins and the workers),
- creating --batch tickets through the ORM in one create() call,

each beside the same measure done the plain Field Service way (no ticket
fields: plain kanban/list specification, one search_count per cut, pins read
from the locations, create() with only Field Service values), with the ratio.
"""

import argparse
import time

from odoo.tools import SQL

from tests.perf.common import cooperative_spec, insert_tickets, measure

MODULES = ["msom_tickets"]
OPEN = ("new", "accepted", "forwarded", "in_progress", "on_hold")


def setup_groups(env):
    Partner = env["res.partner"]
    companies = Partner.create(
        [
            {"name": f"Wykonawca {i}", "is_company": True, "is_contractor": True}
            for i in range(6)
        ]
    )
    categories = env["fsm.category"].create(
        [
            {
                "name": f"bench grupa {i}",
                "code": f"B{i}",
                "contractor_id": company.id,
                "sla_hours_normal": 72,
            }
            for i, company in enumerate(companies)
        ]
    )
    workers = env["fsm.person"].create(
        [
            {
                "name": f"Pracownik {i}",
                "parent_id": companies[i % len(companies)].id,
                "last_latitude": 52.2,
                "last_longitude": 21.0 + i * 0.001,
                "last_position_time": "2026-01-01 10:00:00",
            }
            for i in range(60)
        ]
    )
    return categories, workers


def bulk_insert(env, count, units, categories):
    """count tickets in one statement: realistic spread, derived columns set."""
    stages = env["fsm.stage"].search([("ticket_state", "!=", False)])

    def each(values):
        """The g-th of `values`, in turn."""
        return SQL("(%s)[1 + g %% %s]", values, len(values))

    state = each(stages.mapped("ticket_state"))
    done = SQL("%s IN ('done', 'closed')", state)
    insert_tickets(
        env,
        units,
        count,
        "BT",
        365,
        {
            "stage_id": each(stages.ids),
            "ticket_state": state,
            "category_id": each(categories.ids),
            "contractor_id": each(categories.contractor_id.ids),
            "forwarded_date": SQL(
                "CASE WHEN g %% 8 >= 2 THEN rd + interval '2 hours' END"
            ),
            "done_date": SQL("CASE WHEN %s THEN rd + interval '30 hours' END", done),
            "resolution_hours": SQL("CASE WHEN %s THEN 30 ELSE 0 END", done),
            "reopen_count": SQL("CASE WHEN g %% 50 = 0 THEN 1 ELSE 0 END"),
        },
    )
    env.cr.execute("ANALYZE fsm_order")
    env.invalidate_all()


def line(label, ours, plain, unit="ms"):
    ratio = ours / plain if plain else float("nan")
    figures = f"{ours:>9.1f} {unit:<6} plain {plain:>9.1f} {unit:<6}"
    print(f"{label:<44} {figures} ratio {ratio:5.2f}")


def run(env, args):
    parser = argparse.ArgumentParser(prog="bench tickets")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--units", type=int, default=2000)
    options = parser.parse_args(args)
    Ticket = env["fsm.order"]

    started = time.perf_counter()
    units = env["msom.registry.generator"].generate(
        cooperative_spec(options.units, "Os. Benchmark Zgłoszeń", "ul. Zgłoszeniowa"),
        seed=7,
    )
    categories, workers = setup_groups(env)
    print(f"registry: {len(units)} units in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    bulk_insert(env, options.tickets, units, categories)
    total = Ticket.search_count([("is_ticket", "=", True)])
    open_count = Ticket.search_count(
        [("is_ticket", "=", True), ("ticket_state", "in", OPEN)]
    )
    # a ticket column the insert misses would measure an empty board
    assert total == options.tickets, f"{total} of {options.tickets} are tickets"
    print(
        f"tickets: {total} in the database ({open_count} open), bulk insert "
        f"{time.perf_counter() - started:.1f} s"
    )

    # Board: kanban (grouped by stage, groups unfolded) and list first page.
    kanban_spec = {
        "name": {},
        "priority": {},
        "category_id": {"fields": {"display_name": {}}},
        "location_id": {"fields": {"display_name": {}}},
        "reporter_display": {},
        "is_overdue": {},
        "board_color": {},
        "sla_deadline": {},
        "stage_id": {"fields": {}},
        "contractor_id": {"fields": {"display_name": {}}},
        "person_id": {"fields": {"display_name": {}}},
    }
    plain_kanban_spec = {
        "name": {},
        "priority": {},
        "location_id": {"fields": {"display_name": {}}},
        "person_id": {"fields": {"display_name": {}}},
        "color": {},
        "stage_id": {"fields": {}},
    }
    list_spec = dict(
        kanban_spec,
        report_date={},
        channel={},
        ticket_state={},
        building_id={"fields": {"display_name": {}}},
    )
    plain_list_spec = dict(plain_kanban_spec, scheduled_date_start={}, request_early={})

    def kanban(spec, domain):
        return lambda: Ticket.web_read_group(
            domain,
            ["stage_id"],
            ["__count"],
            auto_unfold=True,
            unfold_read_specification=spec,
            unfold_read_default_limit=40,
        )

    def listing(spec, order):
        return lambda: Ticket.web_search_read(
            [], spec, limit=80, order=order, count_limit=10001
        )

    print(f"\n{'measure (median of 5, server side)':<44} {'ours':>16} {'plain':>22}")
    line(
        "board kanban (by stage, 40 cards per column)",
        measure(env, kanban(kanban_spec, [("is_ticket", "=", True)])),
        measure(env, kanban(plain_kanban_spec, [])),
    )
    line(
        "board list first page (80 rows)",
        measure(env, listing(list_spec, "report_date desc")),
        measure(env, listing(plain_list_spec, "id desc")),
    )

    cuts = Ticket._cut_domains()
    plain_cuts = {
        "today": cuts["today"],
        "all": [],
        "forwarded_today": cuts["forwarded_today"],
        "forwarded": cuts["forwarded"],
    }
    for name, domain in cuts.items():
        line(
            f"cut counters: {name}",
            measure(env, lambda d=domain: Ticket.get_ticket_statistics(d)),
            measure(env, lambda d=plain_cuts[name]: Ticket.search_count(d)),
        )

    def plain_map():
        tickets = Ticket.search_fetch(
            [("stage_id.is_closed", "=", False)],
            ["name", "location_id", "stage_id"],
            limit=10000,
            order="id desc",
        )
        return [
            (
                t.id,
                t.location_id.building_id.partner_latitude,
                t.location_id.building_id.partner_longitude,
            )
            for t in tickets
        ]

    pins = len(Ticket.get_map_data()["tickets"])
    line(
        f"map data ({pins} open pins + {len(workers)} workers)",
        measure(env, Ticket.get_map_data),
        measure(env, plain_map),
    )

    # Creation: one ORM batch.
    batch_units = units[: options.batch]
    ours_vals = [
        {
            "location_id": unit.id,
            "category_id": categories[i % len(categories)].id,
            "reporter_partner_id": unit.current_occupancy_ids[:1].partner_id.id,
            "channel": "portal",
            "priority": str(i % 4),
            "description": "<p>Cieknie kran</p>",
            "proposed_time_from": 8,
            "proposed_time_to": 12,
        }
        for i, unit in enumerate(batch_units)
    ]
    plain_vals = [
        {"location_id": unit.id, "description": "<p>Cieknie kran</p>"}
        for unit in batch_units
    ]
    quiet = Ticket.with_context(tracking_disable=True, msom_skip_duplicates=True)
    env.invalidate_all()
    started = time.perf_counter()
    quiet.create(ours_vals)
    env.flush_all()
    ours_rate = len(ours_vals) / (time.perf_counter() - started)
    env.invalidate_all()
    started = time.perf_counter()
    Ticket.with_context(tracking_disable=True).create(plain_vals)
    env.flush_all()
    plain_rate = len(plain_vals) / (time.perf_counter() - started)
    line(
        f"ORM batch create of {options.batch} (tickets/s)", ours_rate, plain_rate, "t/s"
    )
    started = time.perf_counter()
    Ticket.with_context(msom_skip_duplicates=True).create(ours_vals[:200])
    env.flush_all()
    print(
        f"with chatter, follower and reporter notification: "
        f"{200 / (time.perf_counter() - started):.0f} tickets/s (200 tickets)"
    )
