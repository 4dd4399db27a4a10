"""Registry generator speed: units with occupants per second.

Usage: ./msom bench estate [-- --units 20000 --naive-units 500]

Prints the generator's rate for a cooperative of --units units, the rate of a
naive loop that creates one unit and its occupants at a time, their ratio,
and plain Field Service batch creation of locations for reference.
"""

import argparse
import time
from datetime import date

from tests.perf.common import cooperative_spec

MODULES = ["msom_estate"]


def naive_units(env, count):
    """One create per unit and per occupant, as a hand-written import would."""
    Location = env["fsm.location"]
    estate = Location.create({"name": "Os. Naiwne", "location_level": "estate"})
    building = Location.create(
        {"name": "ul. Naiwna 1", "location_level": "building", "parent_id": estate.id}
    )
    for number in range(1, count + 1):
        unit = Location.create(
            {
                "location_level": "unit",
                "parent_id": building.id,
                "unit_number": str(number),
                "usable_area": 50.0,
            }
        )
        person = env["res.partner"].create({"name": f"Mieszkaniec {number}"})
        env["msom.occupancy"].create(
            {"unit_id": unit.id, "partner_id": person.id, "date_from": date(2020, 1, 1)}
        )


def plain_locations(env, count):
    env["fsm.location"].create(
        [{"name": f"Lokalizacja {number}"} for number in range(count)]
    )


def timed(label, count, function, *args):
    started = time.perf_counter()
    function(*args)
    elapsed = time.perf_counter() - started
    rate = count / elapsed
    print(f"{label:<55} {count:>7} in {elapsed:7.1f} s = {rate:7.1f}/s", flush=True)
    return rate


def run(env, args):
    parser = argparse.ArgumentParser(prog="bench estate")
    parser.add_argument("--units", type=int, default=20000)
    parser.add_argument("--naive-units", type=int, default=500)
    options = parser.parse_args(args)
    generator = env["msom.registry.generator"]

    naive = timed(
        "naive loop: unit + occupant, one create at a time",
        options.naive_units,
        naive_units,
        env,
        options.naive_units,
    )
    plain = timed(
        "plain fsm.location batch create (no occupants)",
        options.naive_units,
        plain_locations,
        env,
        options.naive_units,
    )
    env.cr.commit()
    spec = cooperative_spec(options.units, "Os. Benchmark", "ul. Testowa")
    units = options.units // 40 * 40
    generated = timed(
        "generator: units with occupants, committed per batch",
        units,
        generator.generate,
        spec,
        1,
        True,
    )
    occupants = env["msom.occupancy"].search_count(
        [("estate_id.name", "=", "Os. Benchmark")]
    )
    print(f"occupancies created by the generator: {occupants}")
    print(f"generator / naive loop: {generated / naive:.1f}x")
    print(f"generator / plain fsm.location batch: {generated / plain:.1f}x")
