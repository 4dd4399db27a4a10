# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.http import request

THEME_COLOR = "#1F5F8B"
ICON_PATH = "/msom_portal/static/src/img/"


class MsomWebApp(http.Controller):
    def _msom_webmanifest(self):
        env = request.env
        return {
            "name": env._("mBOK: resident portal"),
            "short_name": "mBOK",
            "description": env._(
                "Tickets, charges, payments, announcements and chat with your "
                "housing cooperative."
            ),
            "lang": "pl",
            "id": "/my",
            "start_url": "/my",
            "scope": "/",
            "display": "standalone",
            "background_color": "#FFFFFF",
            "theme_color": THEME_COLOR,
            "icons": [
                {
                    "src": ICON_PATH + "mbok-192.png",
                    "sizes": "192x192",
                    "type": "image/png",
                },
                {
                    "src": ICON_PATH + "mbok-512.png",
                    "sizes": "512x512",
                    "type": "image/png",
                },
                {
                    "src": ICON_PATH + "mbok-maskable-512.png",
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        }

    @http.route(
        "/my/manifest.webmanifest",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
    )
    def msom_webmanifest(self):
        return request.make_json_response(
            self._msom_webmanifest(),
            headers={"Content-Type": "application/manifest+json"},
        )
