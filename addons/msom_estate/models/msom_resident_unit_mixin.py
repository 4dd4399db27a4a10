# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL


class MsomResidentUnitMixin(models.AbstractModel):
    """Records of a unit, searchable by "a unit the user occupies today".

    For residents' record rules on large tables (tickets, journal entries
    and items): a rule written as ``unit_id.occupancy_ids any [...]`` makes the
    ORM join the units and PostgreSQL then spends 30 ms and more planning
    every query of a table with millions of rows; this field's search is a
    plain ``unit_id IN (units of the user's current occupancies)``.
    """

    _name = "msom.resident.unit.mixin"
    _description = "Records of a Resident's Unit"
    # the many2one to fsm.location holding the unit
    _msom_unit_field = "unit_id"

    msom_on_current_unit = fields.Boolean(
        string="On One of My Units",
        compute="_compute_msom_on_current_unit",
        search="_search_msom_on_current_unit",
        help="Whether the record belongs to a unit the current user occupies today.",
    )

    def _compute_msom_on_current_unit(self):
        units = self.env.user.partner_id._get_current_units()
        for record in self:
            record.msom_on_current_unit = record[self._msom_unit_field] in units

    @api.model
    def _search_msom_on_current_unit(self, operator, value):
        # the ORM hands boolean conditions over as ``in``/``not in`` [True]
        if operator not in ("in", "not in"):
            return NotImplemented
        Occupancy = self.env["msom.occupancy"].sudo()
        today = fields.Date.today()  # as the record rules' ``today``
        query = Occupancy._search(
            Occupancy._current_domain(today)
            & Domain("partner_id", "=", self.env.user.partner_id.id),
            active_test=False,
        )
        units = query.subselect(SQL.identifier(query.table, "unit_id"))
        positive = (operator == "in") == (True in value)
        return Domain(self._msom_unit_field, "any" if positive else "not any", units)
