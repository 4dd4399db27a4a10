# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    msom_correspondence_street = fields.Char(string="Correspondence Street")
    msom_correspondence_zip = fields.Char(string="Correspondence Postal Code")
    msom_correspondence_city = fields.Char(string="Correspondence City")
    msom_refund_bank_id = fields.Many2one(
        "res.partner.bank",
        string="Bank Account for Refunds",
        domain="[('partner_id', '=', id)]",
        ondelete="set null",
    )

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
