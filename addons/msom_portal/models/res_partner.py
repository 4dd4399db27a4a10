# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _msom_portal_units(self):
        """Units of this resident's current occupancies, in a stable order.

        Read with the caller's rights: record rules of msom_estate limit a
        resident to their own occupancies.
        """
        return self._get_current_units().sorted(
            lambda unit: (unit.complete_name or "", unit.id)
        )

    def _msom_portal_places(self):
        """The units and the staircases, buildings and estates they are in:
        where a resident may report a problem."""
        units = self._msom_portal_units()
        return {
            "units": units,
            "staircases": units.staircase_id,
            "buildings": units.building_id,
            "estates": units.estate_id,
        }
