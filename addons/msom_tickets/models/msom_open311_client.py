# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import secrets

from odoo import api, fields, models
from odoo.tools import SQL, consteq


class MsomOpen311Client(models.Model):
    """An application allowed to post tickets through Open311 GeoReport v2."""

    _name = "msom.open311.client"
    _description = "Open311 API Client"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    api_key = fields.Char(
        string="API Key",
        required=True,
        copy=False,
        index=True,
        default=lambda self: secrets.token_urlsafe(24),
        groups="msom_estate.group_msom_manager",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    rate_limit = fields.Integer(
        string="Requests per Hour",
        default=100,
        help="Maximum number of requests the key may post per hour.",
    )
    window_start = fields.Datetime(readonly=True, copy=False)
    window_count = fields.Integer(readonly=True, copy=False)
    ticket_count = fields.Integer(compute="_compute_ticket_count")

    _api_key_uniq = models.Constraint(
        "UNIQUE(api_key)", lambda env, diag: env._("This API key is already in use.")
    )

    def _compute_ticket_count(self):
        counts = dict(
            self.env["fsm.order"]
            .sudo()
            ._read_group(
                [("open311_client_id", "in", self.ids)],
                ["open311_client_id"],
                ["__count"],
            )
        )
        for client in self:
            client.ticket_count = counts.get(client, 0)

    @api.model
    def _authenticate(self, api_key):
        """The active client holding this key, or an empty recordset."""
        if not api_key:
            return self.browse()
        client = self.sudo().search([("api_key", "=", api_key)], limit=1)
        if client and consteq(client.api_key, api_key):
            return client
        return self.browse()

    def _consume_rate_limit(self):
        """Count one request; False when the hourly limit is used up.

        One atomic UPDATE, so concurrent workers count correctly.
        """
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """
                WITH now AS (SELECT now() AT TIME ZONE 'UTC' AS utc)
                UPDATE msom_open311_client
                   SET window_start = CASE
                           WHEN window_start IS NULL
                             OR window_start < now.utc - interval '1 hour'
                           THEN now.utc ELSE window_start END,
                       window_count = CASE
                           WHEN window_start IS NULL
                             OR window_start < now.utc - interval '1 hour'
                           THEN 1 ELSE window_count + 1 END
                  FROM now
                 WHERE id = %s
             RETURNING window_count
                """,
                self.id,
            )
        )
        [count] = self.env.cr.fetchone()
        self.invalidate_recordset(["window_start", "window_count"])
        return count <= self.rate_limit
