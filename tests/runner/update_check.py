"""`./msom update-check`: updating the modules twice changes no counts.

A demo database is created as `./msom demo` does, then every msom module is
updated (`-u`) twice in a row. The row count of every table is taken after
the installation and after each update; any difference fails the check: a
data file or demo generator that creates records again on update, a
migration that runs twice. Tables Odoo itself fills while it runs (logs,
bus messages, sessions) are not compared.
"""

from psycopg2 import sql

from .environment import say
from .odoo_log import Problem

# Written by Odoo at every start, update or request, whatever the modules do
# (the registry's change signals, cron wake-ups, logs, bus messages).
RUNTIME_TABLES = {
    "bus_bus",
    "ir_cron_progress",
    "ir_cron_trigger",
    "ir_logging",
    "orm_signaling_registry",
    "res_users_log",
}


def table_counts(postgres, dbname):
    """{table: rows} of every table of the public schema."""
    tables = [
        name
        for (name,) in postgres.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
            dbname=dbname,
        )
        if name not in RUNTIME_TABLES
    ]
    connection = postgres.connect(dbname)
    try:
        with connection.cursor() as cursor:
            counts = {}
            for table in tables:
                cursor.execute(
                    sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
                )
                counts[table] = cursor.fetchone()[0]
            return counts
    finally:
        connection.close()


def count_changes(before, after):
    """Lines `table: before → after` for the tables whose count changed."""
    return [
        f"{table}: {before.get(table, '-')} → {after.get(table, '-')}"
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    ]


def check_updates(odoo, dbname, create, update):
    """Create the demo database, update it twice; return the problems.

    `create()` and `update(attempt)` do the installation and one update.
    """
    create()
    counts = table_counts(odoo.postgres, dbname)
    say(f"{len(counts)} tables counted after the installation")
    problems = []
    for attempt in (1, 2):
        update(attempt)
        fresh = table_counts(odoo.postgres, dbname)
        if changes := count_changes(counts, fresh):
            problems.append(
                Problem(
                    f"update {attempt} changed the counts of {len(changes)} tables",
                    "\n".join(changes),
                )
            )
        else:
            say(f"Update {attempt}: no count changed")
        counts = fresh
    return problems
