# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

# The phone pings at most this often; faster pings are ignored.
MIN_PING_SECONDS = 20


class FsmPerson(models.Model):
    _inherit = "fsm.person"

    msom_share_location = fields.Boolean(
        string="Shares Location",
        help="The worker allowed the contractor pages to send the phone's "
        "position while they are open. Without it no position is stored.",
    )

    @api.model
    def _msom_for_user(self, user=None):
        """The worker record of a contractor's portal user (or nothing)."""
        user = user or self.env.user
        return (
            self.sudo()
            .search([("partner_id", "=", user.partner_id.id)], limit=1)
            .with_env(self.env)
        )

    def _msom_ping(self, latitude, longitude):
        """Store a position sent by the worker's phone, if they allow it."""
        self.ensure_one()
        if not self.msom_share_location:
            raise UserError(
                self.env._(
                    "Location sharing is off: turn it on on the job list to "
                    "send your position."
                )
            )
        try:
            latitude, longitude = float(latitude), float(longitude)
        except (TypeError, ValueError):
            raise UserError(self.env._("The position is not valid.")) from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (
            latitude == 0 and longitude == 0
        ):
            raise UserError(self.env._("The position is not valid."))
        now = fields.Datetime.now()
        last = self.last_position_time
        if last and (now - last).total_seconds() < MIN_PING_SECONDS:
            return False
        self.sudo()._set_last_position(latitude, longitude, now)
        return True

    def _msom_set_location_sharing(self, enabled):
        self.ensure_one()
        vals = {"msom_share_location": bool(enabled)}
        if not enabled:
            # Withdrawing consent removes the stored position too.
            vals.update(last_latitude=0.0, last_longitude=0.0, last_position_time=False)
        self.sudo().write(vals)
        return True
