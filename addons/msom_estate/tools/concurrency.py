# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tools import SQL


def serialise_on(records):
    """Make transactions that work on the same records one after the other.

    The records' rows are touched (not only locked) until the transaction
    ends: a concurrent transaction doing the same waits, then fails to
    serialise once this one commits, and Odoo retries it from the start, so
    the retry sees what this one wrote. A plain row lock would let it go on
    with a snapshot that misses it (Odoo runs in REPEATABLE READ).
    """
    if records:
        records.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = write_date WHERE id = ANY(%s)",
                SQL.identifier(records._table),
                records.ids,
            )
        )
