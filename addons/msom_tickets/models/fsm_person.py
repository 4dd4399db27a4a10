# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class FsmPerson(models.Model):
    """Workers of contractor companies, with their last known position."""

    _inherit = "fsm.person"

    # the _inherits link, unindexed upstream: the contractors' ticket rules
    # find a worker's records by it
    partner_id = fields.Many2one(index=True)
    last_latitude = fields.Float(digits=(10, 7))
    last_longitude = fields.Float(digits=(10, 7))
    last_position_time = fields.Datetime(
        string="Last Position At",
        index="btree_not_null",
        help="When the worker's phone last reported its position.",
    )

    def _set_last_position(self, latitude, longitude, when=None):
        """Store a position ping (used by the contractor's mobile pages)."""
        self.write(
            {
                "last_latitude": latitude,
                "last_longitude": longitude,
                "last_position_time": when or fields.Datetime.now(),
            }
        )
