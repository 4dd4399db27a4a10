# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime, timedelta

import pytz
import vobject

from odoo import http
from odoo.http import request
from odoo.tools.misc import format_amount

from odoo.addons.msom_estate.tools import param_token


class MsomBillingController(http.Controller):
    @http.route(
        "/msom/billing/calendar/<string:token>.ics",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def payment_calendar(self, token, **kwargs):
        """The resident's payment calendar as iCalendar (RFC 5545).

        The tokenised URL is the only credential, as for calendar apps that
        subscribe to a feed; an unknown token gets a 404.
        """
        token = param_token(token, "token")
        if not token or len(token) < 16:
            raise request.not_found()
        Partner = request.env["res.partner"].sudo()
        partner = Partner.search([("msom_calendar_token", "=", token)], limit=1)
        if not partner:
            raise request.not_found()
        units = partner._msom_paying_units()
        entries = units.sudo()._msom_payment_calendar(partner=partner)
        body = self._render_ics(partner, entries)
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Disposition", 'inline; filename="platnosci.ics"'),
            ],
        )

    def _render_ics(self, partner, entries):
        """One all-day event per due payment, written by vobject (as Odoo's
        calendar does), which escapes and folds the text as RFC 5545 asks;
        in the resident's language, amounts in its format and the charge's
        currency (a calendar app fetches the feed without a session)."""
        env = request.env(context=dict(request.env.context, lang=partner.lang))
        stamp = datetime.now(pytz.utc).replace(microsecond=0)
        calendar = vobject.iCalendar()
        calendar.add("prodid").value = "-//mSOM//Billing//PL"
        calendar.add("calscale").value = "GREGORIAN"
        calendar.add("x-wr-calname").value = env._("Payments")
        for entry in entries:
            day = entry["date"]
            event = calendar.add("vevent")
            event.add("uid").value = f"msom-{entry['move'].id}-{day:%Y%m%d}@msom"
            event.add("dtstamp").value = stamp
            event.add("dtstart").value = day
            event.add("dtend").value = day + timedelta(days=1)
            event.add("summary").value = env._(
                "Payment %(amount)s – %(unit)s",
                amount=format_amount(env, entry["amount"], entry["move"].currency_id),
                unit=entry["unit"].name,
            )
            event.add("description").value = str(entry["name"] or "")
        return calendar.serialize()
