# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

OFFICE_KINDS = ("office", "administrator")


class MsomPortalContact(CustomerPortal):
    @http.route("/my/contact", type="http", auth="user", website=True)
    def msom_my_contact(self, **kw):
        """Office addresses, hours and phones, and the emergency phones of
        each building the resident lives in (the nearest definition wins)."""
        units = request.env.user.partner_id._msom_portal_units()
        buildings = []
        offices = request.env["msom.service.contact"]
        for building in units.building_id:
            contacts = building.sudo()._get_service_contacts()
            offices |= contacts.filtered(lambda c: c.kind in OFFICE_KINDS)
            buildings.append(
                {
                    "building": building,
                    "emergency": contacts.filtered(
                        lambda c: c.kind not in OFFICE_KINDS
                    ),
                }
            )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_contact",
            offices=offices.sorted(lambda c: (c.sequence, c.id)),
            buildings=buildings,
        )
        return request.render("msom_portal.portal_my_contact", values)
