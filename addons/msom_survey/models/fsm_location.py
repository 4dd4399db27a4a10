# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class FsmLocation(models.Model):
    _inherit = "fsm.location"

    # Inverses of the stored registry links of occupancy: record rules use
    # them to find the votes whose scope holds a unit of the resident.
    msom_estate_occupancy_ids = fields.One2many("msom.occupancy", "estate_id")
    msom_building_occupancy_ids = fields.One2many("msom.occupancy", "building_id")
    msom_staircase_occupancy_ids = fields.One2many("msom.occupancy", "staircase_id")
