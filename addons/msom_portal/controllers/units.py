# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


def resident_unit(unit_id):
    """The unit if it is one of the resident's current units, else 404."""
    partner = request.env.user.partner_id
    units = partner._msom_portal_units()
    unit = units.filtered(lambda u: u.id == unit_id)
    if not unit:
        raise request.not_found()
    return unit


class MsomPortalUnits(CustomerPortal):
    @http.route("/my/units", type="http", auth="user", website=True, readonly=True)
    def msom_my_units(self, **kw):
        partner = request.env.user.partner_id
        units = partner._msom_portal_units()
        today = fields.Date.context_today(request.env.user)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_units",
            units=units,
            balances=units._msom_turnover(today, today),
        )
        return request.render("msom_portal.portal_my_units", values)

    @http.route(
        "/my/units/<int:unit_id>", type="http", auth="user", website=True, readonly=True
    )
    def msom_my_unit(self, unit_id, **kw):
        unit = resident_unit(unit_id)
        env = request.env
        partner = env.user.partner_id
        today = fields.Date.context_today(env.user)
        try:
            # msom_estate's rules decide whom the resident may see; the names
            # are then read as superuser (partners have their own rules).
            occupancies = unit.current_occupancy_ids
            occupancies.check_access("read")
            occupancies = occupancies.sudo()
        except (AccessError, MissingError):
            occupancies = env["msom.occupancy"]
        account = env["msom.virtual.account"].search(
            [("unit_id", "=", unit.id), ("partner_id", "=", partner.id)], limit=1
        )
        balance = unit._msom_turnover(today, today)[unit.id]
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_unit",
            unit=unit,
            occupancies=occupancies.sorted(lambda o: (o.role, o.partner_id.name)),
            account=account,
            balance=balance,
            qr_payload=unit._msom_portal_payment_qr(account, balance["closing"]),
        )
        return request.render("msom_portal.portal_my_unit", values)
