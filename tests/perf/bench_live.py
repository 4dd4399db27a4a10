"""Server-side cost of the live bus events (board, map, job lists).

Usage: ./msom bench live [-- --contractors 500 --minutes 4 --changes 100]

Simulates --minutes of a busy office: --contractors workers each pinging a
position every 2 minutes, and --changes ticket changes per minute, each in
its own transaction like a request; plus one burst of --changes tickets
changed in a single transaction (a batch action). The clock of the position
throttle is simulated, so the pings are batched as they would be in real time.

Measures the send cost: building the notifications in the precommit hooks
(reading the tickets' and workers' values) and inserting the bus rows, per
event: wall time (mean, 95th percentile, maximum), the CPU time of the Odoo
process and the number of queries (both independent of how busy the machine
is), and how many bus messages the operators' channel received. The goal:
under 5 ms per event.
"""

import argparse
import statistics
import time
from unittest.mock import patch

from odoo.addons.bus.models.bus import BusBus
from odoo.addons.msom_tickets.models import fsm_person
from odoo.addons.msom_tickets.tools import live

from tests.perf.common import load_average

MODULES = ["msom_tickets"]
PING_SECONDS = 120


class SendTimer:
    """Time spent in the live hooks and the bus rows they create."""

    def __init__(self, env):
        self.env = env
        self.spent = 0.0
        self.cpu = 0.0

    def wrap(self, function):
        def timed(*args, **kwargs):
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent += time.perf_counter() - started
                self.cpu += time.process_time() - cpu

        return timed

    def measure(self, change):
        """Run ``change`` then its transaction's precommit: the time (ms), the
        CPU time of this process (ms) and the queries it took to send."""
        change()
        self.env.flush_all()
        self.spent = self.cpu = 0.0
        queries = self.env.cr.sql_log_count
        self.env.cr.precommit.run()
        return (
            self.spent * 1000,
            self.cpu * 1000,
            self.env.cr.sql_log_count - queries,
        )


def figures(label, costs, events=1):
    """Print the send cost per event of ``costs`` [(ms, CPU ms, queries)],
    each for ``events`` events; return the mean."""
    per_event = sorted(ms / events for ms, _cpu, _queries in costs)
    count = len(costs) * events
    cpu = sum(c for _ms, c, _q in costs) / count
    queries = sum(q for _ms, _c, q in costs) / count
    p95 = per_event[max(int(len(per_event) * 0.95) - 1, 0)]
    mean = statistics.mean(per_event)
    print(
        f"{label:<40} {count:>5} events: {mean:6.2f} ms mean, {p95:6.2f} ms p95, "
        f"{per_event[-1]:6.2f} ms max; CPU {cpu:5.2f} ms, {queries:4.1f} queries "
        "per event"
    )
    return mean


def run(env, args):
    parser = argparse.ArgumentParser(prog="bench live")
    parser.add_argument("--contractors", type=int, default=500)
    parser.add_argument("--minutes", type=int, default=4)
    parser.add_argument("--changes", type=int, default=100)
    options = parser.parse_args(args)
    company = env["res.partner"].create(
        {"name": "Bench-Live Sp. z o.o.", "is_company": True, "is_contractor": True}
    )
    people = env["fsm.person"].create(
        [
            {"name": f"Pracownik {i:03d}", "parent_id": company.id}
            for i in range(options.contractors)
        ]
    )
    people.company_id = env.company
    estate = env["fsm.location"].create(
        {
            "name": "Os. Bench Live",
            "location_level": "estate",
            "partner_latitude": 52.2,
            "partner_longitude": 21.0,
        }
    )
    category = env["fsm.category"].create(
        {"name": "bench live", "contractor_id": company.id}
    )
    Ticket = env["fsm.order"].with_context(tracking_disable=True)
    tickets = Ticket.create(
        [
            {"location_id": estate.id, "category_id": category.id}
            for _i in range(options.changes)
        ]
    )
    env.cr.precommit.run()
    stages = [
        Ticket._stage_for_state(state)
        for state in ("accepted", "forwarded", "in_progress", "on_hold")
    ]
    bus_ids_before = env["bus.bus"].sudo()._bus_last_id()

    timer = SendTimer(env)
    order_class, person_class = type(env["fsm.order"]), type(env["fsm.person"])
    clock = [0.0]
    with (
        patch.object(
            order_class, "_msom_live_send", timer.wrap(order_class._msom_live_send)
        ),
        patch.object(
            person_class, "_msom_live_send", timer.wrap(person_class._msom_live_send)
        ),
        patch.object(BusBus, "create", timer.wrap(BusBus.create)),
        patch.object(
            fsm_person, "POSITION_THROTTLE", live.Throttle(5, lambda: clock[0])
        ),
    ):
        # the two streams interleaved over simulated time
        timeline = []
        seconds = options.minutes * 60
        for i, person in enumerate(people):
            offset = PING_SECONDS * i / len(people)
            timeline += [
                (t, "ping", person)
                for t in range(int(offset * 1000), seconds * 1000, PING_SECONDS * 1000)
            ]
        per_minute = options.changes
        for minute in range(options.minutes):
            for i in range(per_minute):
                at = int((minute * 60 + 60 * i / per_minute) * 1000)
                timeline.append(
                    (at, "change", tickets[(minute * per_minute + i) % len(tickets)])
                )
        timeline.sort(key=lambda item: item[0])
        ping_costs, change_costs = [], []
        for step, (at, kind, record) in enumerate(timeline):
            clock[0] = at / 1000
            if kind == "ping":
                ping_costs.append(
                    timer.measure(
                        lambda r=record, s=step: r._set_last_position(
                            52.2 + s % 100 / 10000, 21.0 + s % 77 / 10000
                        )
                    )
                )
            else:
                stage = stages[step % len(stages)]
                change_costs.append(
                    timer.measure(lambda r=record, s=stage: r.write({"stage_id": s.id}))
                )
        burst = timer.measure(lambda: tickets.write({"stage_id": stages[0].id}))
    channel_messages = (
        env["bus.bus"]
        .sudo()
        .search_count(
            [("id", ">", bus_ids_before), ("channel", "like", '"msom.tickets"')]
        )
    )
    batches = (
        env["bus.bus"]
        .sudo()
        .search_count(
            [("id", ">", bus_ids_before), ("message", "like", "msom.tickets/positions")]
        )
    )
    print(
        f"{options.contractors} contractors pinging every {PING_SECONDS} s and "
        f"{options.changes} ticket changes a minute, "
        f"{options.minutes} simulated minutes"
    )
    means = [
        figures("position pings (one transaction each)", ping_costs),
        figures("ticket changes (one transaction each)", change_costs),
        figures(
            f"burst: {len(tickets)} tickets in one transaction", [burst], len(tickets)
        ),
    ]
    print(
        f"operators' channel: {channel_messages} bus messages, of which {batches} "
        f"position batches for {len(ping_costs)} pings (one per 5 s at most)"
    )
    print(
        f"highest mean send cost per event: {max(means):.2f} ms (goal < 5 ms) "
        f"{load_average()}"
    )
