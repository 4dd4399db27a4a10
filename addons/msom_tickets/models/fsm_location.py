# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.fields import Domain

from odoo.addons.msom_estate.tools import search_within

# A pin farther than this from every building is not on our estates.
NEAREST_BUILDING_M = 300


class FsmLocation(models.Model):
    _inherit = "fsm.location"

    @api.model
    def _msom_nearest_building(self, latitude, longitude, company_ids=None):
        """The registry building nearest to a map pin, within
        NEAREST_BUILDING_M; an empty recordset when there is none.

        Any building of ``company_ids`` (or shared), whoever asks: a resident's
        pin or an Open311 client's point picks the place of a new ticket.
        """
        domain = Domain("location_level", "=", "building")
        if company_ids:
            domain &= Domain("company_id", "in", [*company_ids, False])
        nearby = search_within(
            self.sudo(),
            domain,
            latitude,
            longitude,
            NEAREST_BUILDING_M,
            lat_field="partner_latitude",
            lon_field="partner_longitude",
            limit=200,
        )
        if not nearby:
            return self.browse()
        return min(nearby, key=lambda found: found[1])[0]
