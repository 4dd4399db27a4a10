# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, http
from odoo.http import request
from odoo.tools import format_date

from odoo.addons.msom_tickets.models.fsm_stage import OPEN_STATES
from odoo.addons.portal.controllers.portal import CustomerPortal

from .online_payment import online_payment_available

# the form field of the one-time submission token (msom.submission)
FORM_TOKEN = "msom_submission"


def first_redirect(token):
    """The redirect the first submission of this form's token gave, if any."""
    first = request.env["msom.submission"]._msom_claim(token)
    return first and request.redirect(first["url"])


def redirect_once(token, url):
    """Redirect to `url` and remember it for a repeated submission."""
    request.env["msom.submission"]._msom_done(token, {"url": url})
    return request.redirect(url)


def is_resident():
    return request.env.user.has_group("msom_estate.group_msom_resident")


def attachment_response(attachments, attachment_id, download=True):
    """Serve one of `attachments`, which the caller has already found readable
    through their record: portal users have no access to attachments."""
    attachment = attachments.filtered(lambda a: a.id == attachment_id)
    if not attachment:
        raise request.not_found()
    stream = request.env["ir.binary"]._get_stream_from(attachment)
    return stream.get_response(as_attachment=download)


class MsomPortalHome(CustomerPortal):
    """The tiles on top of /my.

    Extension point: override ``_msom_home_tiles`` (call super, append dicts)
    or add markup inside ``<div id="msom_home_tiles">`` of the template
    ``msom_portal.portal_home_tiles``.
    """

    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        if is_resident() and hasattr(response, "qcontext"):
            response.qcontext["msom_tiles"] = self._msom_home_tiles()
            response.qcontext["msom_apps"] = self._msom_home_apps()
        return response

    def _msom_home_apps(self):
        """[{key, title, url, icon}]: the services a resident uses most, as
        a grid of buttons under the tiles."""
        env = request.env
        return [
            {"key": "dues", "title": env._("Dues"), "url": "/my/balances",
             "icon": "fa-money"},
            {"key": "report", "title": env._("Report a problem"),
             "url": "/my/tickets/new", "icon": "fa-plus-circle"},
            {"key": "tickets", "title": env._("My tickets"), "url": "/my/tickets",
             "icon": "fa-wrench"},
            {"key": "meters", "title": env._("Meters"), "url": "/my/meters",
             "icon": "fa-tachometer"},
            {"key": "announcements", "title": env._("Announcements"),
             "url": "/my/announcements", "icon": "fa-bullhorn"},
            {"key": "chat", "title": env._("Chat with the office"),
             "url": "/my/chat", "icon": "fa-comments"},
        ]  # fmt: skip

    def _msom_home_tiles(self):
        """[{key, sequence, title, value, text, url, icon, variant}] by sequence."""
        env = request.env
        partner = env.user.partner_id
        units = partner._msom_portal_units()
        today = fields.Date.context_today(env.user)
        currency = env.company.currency_id
        tiles = []
        open_tickets = env["fsm.order"].search_count(
            [("ticket_state", "in", OPEN_STATES)]
        )
        tiles.append(
            {
                "key": "tickets",
                "sequence": 10,
                "title": env._("Open tickets"),
                "value": str(open_tickets),
                "text": env._("Report a problem or follow one"),
                "url": "/my/tickets",
                "icon": "fa-wrench",
                "variant": "primary",
            }
        )
        balance = sum(
            data["closing"] for data in units._msom_turnover(today, today).values()
        )
        tiles.append(
            {
                "key": "balance",
                "sequence": 20,
                "title": env._("Balance due")
                if balance > 0
                else env._("Overpayment")
                if balance < 0
                else env._("Balance"),
                "value": currency.format(abs(balance)),
                "text": env._("Turnover and balance of your units"),
                "url": "/my/balances",
                "icon": "fa-balance-scale",
                "variant": "danger" if balance > 0 else "success",
                "pay_url": "/my/pay"
                if balance > 0 and online_payment_available()
                else None,
            }
        )
        upcoming = [
            entry
            for entry in units._msom_payment_calendar(partner=partner, date_from=today)
            if entry["date"] >= today
        ]
        tiles.append(
            {
                "key": "next_payment",
                "sequence": 30,
                "title": env._("Next payment"),
                "value": currency.format(upcoming[0]["amount"]) if upcoming else "—",
                "text": env._(
                    "due %(date)s", date=format_date(env, upcoming[0]["date"])
                )
                if upcoming
                else env._("Nothing to pay"),
                "url": "/my/payments/calendar",
                "icon": "fa-calendar",
                "variant": "warning" if upcoming else "secondary",
            }
        )
        Survey = env["survey.survey"]
        votes = (
            Survey.search_count(
                [("msom_kind", "!=", False), ("msom_state", "=", "open")]
            )
            if Survey.has_access("read")
            else 0
        )
        tiles.append(
            {
                "key": "votes",
                "sequence": 40,
                "title": env._("Open votes"),
                "value": str(votes),
                "text": env._("Vote on resolutions and answer surveys"),
                "url": "/my/votes",
                "icon": "fa-check-square-o",
                "variant": "info",
            }
        )
        return sorted(tiles, key=lambda tile: tile["sequence"])
