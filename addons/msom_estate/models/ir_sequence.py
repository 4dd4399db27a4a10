# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _msom_draw(self, sequence_name, count):
        """`count` numbers of a PostgreSQL sequence in one query, ascending.

        nextval() is not transactional: workers posting side by side each get
        their own numbers, whatever their snapshots see.
        """
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                sequence_name,
                count,
            )
        )
        return sorted(number for (number,) in self.env.cr.fetchall())

    def _msom_next_batch(self, count):
        """The next `count` names of this sequence: one query for a standard
        sequence without date ranges, one by one otherwise."""
        self.ensure_one()
        if self.implementation != "standard" or self.use_date_range:
            return [self._next() for _index in range(count)]
        numbers = self._msom_draw(f"ir_sequence_{self.id:03d}", count)
        prefix, suffix = self._get_prefix_suffix()
        return [f"{prefix}{number:0{self.padding}d}{suffix}" for number in numbers]

    @api.model
    def _msom_next_names(self, code, count, placeholder, company=None):
        """The next `count` names of the sequence `code` of `company` (the
        current one by default; a shared sequence otherwise), drawn at once.

        Read as superuser: residents and the public create numbered records
        too. Without such a sequence, every name is `placeholder` (the
        caller's "New", in its own words).
        """
        company = company or self.env.company
        sequence = self.sudo().search(
            Domain("code", "=", code) & Domain("company_id", "in", [company.id, False]),
            order="company_id",
            limit=1,
        )
        if not count or not sequence:
            return [placeholder] * count
        return sequence._msom_next_batch(count)
