# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.tools.sql import create_index


class FsmPerson(models.Model):
    """Workers of contractor companies, with their last known position."""

    _inherit = "fsm.person"

    last_latitude = fields.Float(digits=(10, 7))
    last_longitude = fields.Float(digits=(10, 7))
    last_position_time = fields.Datetime(
        string="Last Position At",
        index="btree_not_null",
        help="When the worker's phone last reported its position.",
    )

    def init(self):
        # the _inherits link is unindexed upstream; the contractors' ticket
        # rules find a worker's records by it
        create_index(
            self.env.cr, "fsm_person__partner_id_index", self._table, ["partner_id"]
        )
        return super().init()

    def _set_last_position(self, latitude, longitude, when=None):
        """Store a position ping (used by the contractor's mobile pages)."""
        self.write(
            {
                "last_latitude": latitude,
                "last_longitude": longitude,
                "last_position_time": when or fields.Datetime.now(),
            }
        )
