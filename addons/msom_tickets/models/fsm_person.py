# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools.sql import create_index

from ..tools.live import (
    OPERATOR_SUBCHANNEL,
    Throttle,
    active_companies,
    collect_until_precommit,
    now_ms,
)

POSITION_FIELDS = {"last_latitude", "last_longitude", "last_position_time"}
DEFAULT_POSITION_INTERVAL = 5
# Per process: each Odoo worker sends at most one batch per company and interval.
POSITION_THROTTLE = Throttle(DEFAULT_POSITION_INTERVAL)


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

    def write(self, vals):
        result = super().write(vals)
        if POSITION_FIELDS & set(vals):
            collect_until_precommit(
                self.env, "msom.live.positions", self.ids, self._msom_live_send
            )
        return result

    @api.model
    def _msom_live_send(self, person_ids):
        """Send the operators of each company the positions pinged since its
        last batch: one batch per company and interval, however many pings."""
        params = self.env["ir.config_parameter"].sudo()
        try:
            interval = float(
                params.get_param(
                    "msom_tickets.live_position_interval", DEFAULT_POSITION_INTERVAL
                )
            )
        except ValueError:
            interval = DEFAULT_POSITION_INTERVAL
        people = self.sudo().browse(person_ids).exists()
        per_company = {}
        for person in people:
            # A worker shared by all companies is on every company's map.
            for company in person.company_id or active_companies(self.env):
                per_company.setdefault(company, set()).add(person.id)
        dbname = self.env.cr.dbname
        for company, ids in per_company.items():
            batch = POSITION_THROTTLE.take((dbname, company.id), ids, interval)
            if batch:
                self.env["bus.bus"].sudo()._sendone(
                    (company, OPERATOR_SUBCHANNEL),
                    "msom.tickets/positions",
                    {
                        "workers": self.sudo()
                        .browse(batch)
                        .exists()
                        ._msom_map_values(),
                        "at": now_ms(),
                    },
                )

    def _msom_map_values(self):
        """Workers as the map shows them; without a position, to remove."""
        return [
            {
                "id": person.id,
                "name": person.name,
                "company": person.commercial_partner_id.name,
                "lat": person.last_latitude,
                "lon": person.last_longitude,
                "time": fields.Datetime.to_string(person.last_position_time),
            }
            for person in self
        ]

    def _set_last_position(self, latitude, longitude, when=None):
        """Store a position ping (used by the contractor's mobile pages)."""
        self.write(
            {
                "last_latitude": latitude,
                "last_longitude": longitude,
                "last_position_time": when or fields.Datetime.now(),
            }
        )
