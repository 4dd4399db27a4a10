"""What the benchmarks share: the machine's load, a synthetic cooperative,
bulk loading without index maintenance, tickets inserted in one statement and
the median of a timed call."""

import os
import statistics
import time
from contextlib import contextmanager

from odoo.tools import SQL


def load_average():
    """The machine's load average, printed with every figure."""
    return "(load average %.2f %.2f %.2f)" % os.getloadavg()


def cooperative_spec(
    units, name, street, floors=5, staircases=2, units_per_floor=4, lifts=0
):
    """One estate of identical buildings on a grid in Warsaw, enough of them
    for `units` units, as msom.registry.generator takes it."""
    per_building = floors * staircases * units_per_floor
    buildings = [
        {
            "street": f"{street} {number}",
            "latitude": 52.15 + (number % 40) * 0.002,
            "longitude": 20.95 + (number // 40) * 0.003,
            "floors": floors,
            "staircases": staircases,
            "units_per_floor": units_per_floor,
            "lifts": lifts,
        }
        for number in range(1, max(1, units // per_building) + 1)
    ]
    return [{"name": name, "city": "Warszawa", "zip": "00-001", "buildings": buildings}]


@contextmanager
def bulk_load_mode(cr, tables):
    """Drop the foreign keys of `tables` and the indexes that back no
    constraint, and create them again afterwards: checking a key or building
    an index once over millions of bulk-loaded rows is many times faster than
    doing it row by row. The tables end with the same keys and indexes they
    had (the keys are validated again); prints how long that took. The body
    must not commit: if it fails, the rollback brings everything back."""
    cr.execute(
        """
        SELECT con.conname, con.conrelid::regclass::text,
               pg_get_constraintdef(con.oid)
          FROM pg_constraint con
         WHERE con.contype = 'f' AND con.conrelid::regclass::text = ANY(%s)
        """,
        [list(tables)],
    )
    foreign_keys = cr.fetchall()
    cr.execute(
        """
        SELECT idx.indexname, idx.indexdef
          FROM pg_indexes idx
         WHERE idx.schemaname = current_schema()
           AND idx.tablename = ANY(%s)
           AND NOT EXISTS (
               SELECT 1 FROM pg_constraint con
                WHERE con.conindid = (
                    quote_ident(idx.schemaname) || '.' || quote_ident(idx.indexname)
                )::regclass
           )
        """,
        [list(tables)],
    )
    indexes = cr.fetchall()
    for name, table, _definition in foreign_keys:
        cr.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cr.execute(f'DROP INDEX "{name}"')
    yield
    started = time.perf_counter()
    for _name, definition in indexes:
        cr.execute(definition)
    for name, table, definition in foreign_keys:
        cr.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
    for table in tables:
        cr.execute(f'ANALYZE "{table}"')
    print(
        f"  {len(indexes)} indexes and {len(foreign_keys)} foreign keys of "
        f"{', '.join(tables)} rebuilt in {time.perf_counter() - started:.0f} s"
    )


def measure(env, function, repeat=5):
    """The median time of `function` in ms over `repeat` calls, each with the
    caches cleared."""
    times = []
    for _i in range(repeat):
        env.invalidate_all()
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def insert_tickets(env, units, count, prefix, days, columns):
    """Insert `count` tickets in one statement: ticket g is named `prefix`
    and g, is on the g-th of `units` in turn and was reported at `rd`, g days
    (modulo `days`) and g hours (modulo 24) ago. The columns msom_tickets
    derives from the unit are written as it would write them; `columns`
    gives the others (column name: a value, or SQL over g and rd)."""
    team = env["fsm.team"].search([], limit=1)
    env.flush_all()  # the generator's computed ancestors must be in the table
    values = [
        value if isinstance(value, SQL) else SQL("%s", value)
        for value in columns.values()
    ]
    env.cr.execute(
        SQL(
            """
        WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM fsm_location
                    WHERE id = ANY(%(units)s))
        INSERT INTO fsm_order (name, location_id, company_id, team_id, priority,
                               channel, report_date, sla_deadline, estate_id,
                               building_id, staircase_id, street_name, latitude,
                               longitude, request_early, create_uid, write_uid,
                               create_date, write_date, is_ticket, %(names)s)
        SELECT %(prefix)s || lpad(g::text, 7, '0'), loc.id, %(company)s, %(team)s,
               (g %% 4)::text, 'portal', rd, rd + interval '72 hours',
               loc.estate_id, loc.building_id, loc.staircase_id, b.street,
               b.partner_latitude, b.partner_longitude, rd, 1, 1, rd, rd, true,
               %(values)s
          FROM generate_series(1, %(count)s) g
          CROSS JOIN u
          CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE 'UTC')
                                     - (g %% %(days)s) * interval '1 day'
                                     - (g %% 24) * interval '1 hour' AS rd) d
          JOIN fsm_location loc ON loc.id = u.ids[1 + g %% array_length(u.ids, 1)]
          JOIN fsm_location bl ON bl.id = loc.building_id
          JOIN res_partner b ON b.id = bl.partner_id
        """,
            units=units.ids,
            names=SQL(", ").join(SQL.identifier(name) for name in columns),
            prefix=prefix,
            company=env.company.id,
            team=team.id,
            values=SQL(", ").join(values),
            count=count,
            days=days,
        )
    )
