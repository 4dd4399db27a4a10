# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models

from ..tools.live import CLIENT_CHANNEL, JOBS_SUBCHANNEL, OPERATOR_SUBCHANNEL


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        """A web client asks for the live ticket channel by name; it gets the
        channels of what its user may read: an operator those of their
        companies, a contractor their company's. Residents hear their own
        tickets on their partner channel, which Odoo always subscribes."""
        channels = list(channels)  # do not alter the caller's list
        if CLIENT_CHANNEL in channels:
            channels.remove(CLIENT_CHANNEL)
            user = self.env.user
            if user._is_internal() and user.has_group(
                "msom_estate.group_msom_operator"
            ):
                channels.extend(
                    (company, OPERATOR_SUBCHANNEL) for company in user.company_ids
                )
            elif user.has_group("msom_estate.group_msom_contractor"):
                channels.append(
                    (user.partner_id.commercial_partner_id, JOBS_SUBCHANNEL)
                )
        return super()._build_bus_channel_list(channels)
