# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime, timedelta

from odoo import http
from odoo.http import request

from odoo.addons.msom_estate.tools import param_token


def _ics_escape(text):
    return (
        str(text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


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
        env = request.env
        stamp = datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//mSOM//Billing//PL",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:" + _ics_escape(env._("Payments")),
        ]
        for entry in entries:
            day = entry["date"]
            amount = "%.2f" % entry["amount"]
            summary = env._(
                "Payment %(amount)s PLN – %(unit)s",
                amount=amount.replace(".", ","),
                unit=entry["unit"].name,
            )
            lines += [
                "BEGIN:VEVENT",
                f"UID:msom-{entry['move'].id}-{day:%Y%m%d}@msom",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                "SUMMARY:" + _ics_escape(summary),
                "DESCRIPTION:" + _ics_escape(entry["name"]),
                "END:VEVENT",
            ]
        lines.append("END:VCALENDAR")
        return "\r\n".join(lines) + "\r\n"
