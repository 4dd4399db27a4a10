# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.msom_estate.tools import param_id
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .home import is_resident

PAGE_SIZE = 30


class MsomLoginHistoryPortal(CustomerPortal):
    def _msom_devices(self):
        # sudo: portal users have no access to res.device; only their own rows
        return (
            request.env["res.device"]
            .sudo()
            .search([("user_id", "=", request.env.uid)], limit=20)
        )

    @http.route(
        ["/my/login-history", "/my/login-history/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_login_history(self, page=1, **kw):
        if not is_resident():
            return request.redirect("/my")
        Event = request.env["msom.login.event"]
        # the record rule limits the search to the user's own attempts
        pager = portal_pager(
            url="/my/login-history",
            total=Event.search_count([]),
            page=page,
            step=PAGE_SIZE,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_login_history",
            events=Event.search([], limit=PAGE_SIZE, offset=pager["offset"]),
            devices=self._msom_devices(),
            pager=pager,
        )
        return request.render("msom_portal.portal_my_login_history", values)

    @http.route(
        "/my/login-history/revoke",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_revoke_device(self, device_id=None, **kw):
        """Log out one of the user's own sessions (Odoo's res.device)."""
        device_id = param_id(device_id, "device_id")
        device = self._msom_devices().filtered(lambda d: d.id == device_id)
        if not device:
            raise NotFound()
        current = device.is_current
        device._revoke()
        if current:
            return request.redirect("/web/login")
        return request.redirect("/my/login-history?revoked=1")
