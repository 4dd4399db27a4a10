# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bulk rows as `odoo.tools.SQL`, for the fast paths that insert or update
thousands of rows in one statement through Odoo's cursor."""

from odoo.tools import SQL


def sql_values(rows, template=None):
    """The rows of a multi-row VALUES list as one SQL fragment:
    ``(%s, %s), (%s, %s)…`` with the values as parameters. `template` is one
    row's fragment, one ``%s`` per value (literals allowed); by default as
    many placeholders as the first row has values."""
    rows = list(rows)
    if template is None:
        template = "(%s)" % ", ".join(["%s"] * len(rows[0]))
    return SQL(", ").join(SQL(template, *row) for row in rows)


def execute_values(cr, query, rows, template=None, page_size=1000):
    """Run `query`, fixed SQL text whose one ``%s`` takes a VALUES list, for
    `rows`, `page_size` rows a statement, on Odoo's cursor `cr`; returns the
    rows the statements return (RETURNING), in order."""
    result = []
    for start in range(0, len(rows), max(page_size, 1)):
        cr.execute(SQL(query, sql_values(rows[start : start + page_size], template)))
        if cr.description:
            result += cr.fetchall()
    return result
