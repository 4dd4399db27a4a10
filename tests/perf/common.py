"""What the benchmarks share: the machine's load, a synthetic cooperative,
and bulk loading without index maintenance."""

import os
import time
from contextlib import contextmanager


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
