# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class MsomPortalPaymentCalendar(CustomerPortal):
    @http.route("/my/payments/calendar", type="http", auth="user", website=True)
    def msom_payment_calendar(self, **kw):
        """Open amounts by due date, and the iCal feed to subscribe to."""
        env = request.env
        partner = env.user.partner_id
        units = partner._msom_portal_units()
        today = fields.Date.context_today(env.user)
        entries = units._msom_payment_calendar(partner=partner)
        ical_url = partner._msom_get_calendar_url()
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_calendar",
            overdue=[e for e in entries if e["date"] < today],
            upcoming=[e for e in entries if e["date"] >= today],
            ical_url=ical_url,
            webcal_url="webcal://" + ical_url.split("://", 1)[-1],
            currency=env.company.currency_id,
        )
        return request.render("msom_portal.portal_payment_calendar", values)
