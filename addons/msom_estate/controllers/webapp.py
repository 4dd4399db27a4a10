# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The web-app pieces every mSOM phone page shares: one service worker and
the web push subscription (the resident portal and the contractor's pages
register it with their own scope)."""

from odoo import http
from odoo.http import request
from odoo.tools import file_open

from ..tools import param_push_subscription

SERVICE_WORKER = "msom_estate/static/src/webapp/service_worker.js"


class MsomWebApp(http.Controller):
    @http.route(
        "/msom/service-worker.js",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
    )
    def msom_service_worker(self, **kw):
        with file_open(SERVICE_WORKER) as worker:
            body = worker.read()
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "text/javascript"),
                # each app registers it for its own part of the site
                ("Service-Worker-Allowed", "/"),
                ("Cache-Control", "no-cache"),
            ],
        )

    @http.route("/msom/push/vapid", type="jsonrpc", auth="user")
    def msom_push_vapid(self, **kw):
        # sudo: Odoo's own VAPID key pair (generated on first use)
        return request.env["mail.push.device"].sudo().get_web_push_vapid_public_key()

    @http.route("/msom/push/subscribe", type="jsonrpc", auth="user")
    def msom_push_subscribe(self, **kw):
        """Register this browser for web push (Odoo's mail.push.device)."""
        request.env["mail.push.device"].register_devices(
            **param_push_subscription(request.env, kw)
        )
        return True
