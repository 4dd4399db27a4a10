# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import file_open

from .http_common import MsomPortalHttpCase


@tagged("post_install", "-at_install")
class TestWebApp(MsomPortalHttpCase):
    def test_manifest_icons_and_service_worker(self):
        response = self.url_open("/my/manifest.webmanifest")
        self.assertEqual(response.status_code, 200)
        self.assertIn("application/manifest+json", response.headers["Content-Type"])
        manifest = response.json()
        self.assertEqual(manifest["start_url"], "/my")
        self.assertEqual(manifest["display"], "standalone")
        self.assertEqual(manifest["short_name"], "mBOK")
        self.assertRegex(manifest["theme_color"], r"^#[0-9A-F]{6}$")
        sizes = {icon["sizes"] for icon in manifest["icons"]}
        self.assertLessEqual({"192x192", "512x512"}, sizes)
        for icon in manifest["icons"]:
            image = self.url_open(icon["src"])
            self.assertEqual(image.status_code, 200, icon["src"])
            self.assertTrue(image.content.startswith(b"\x89PNG"))
        worker = self.url_open("/msom/service-worker.js?offline=1")
        self.assertEqual(worker.headers["Service-Worker-Allowed"], "/")
        self.assertIn("text/javascript", worker.headers["Content-Type"])
        self.assertIn('addEventListener("push"', worker.text)
        with file_open("msom_portal/static/src/img/mbok-512.png", "rb") as png:
            self.assertTrue(png.read().startswith(b"\x89PNG"))

    def test_portal_layout_links_the_manifest(self):
        self.authenticate("portal2_jan", "portal2_jan")
        page = self.url_open("/my/announcements")
        self.assertIn('rel="manifest" href="/my/manifest.webmanifest"', page.text)
        self.assertIn('name="theme-color"', page.text)

    def test_push_subscription_only_to_real_push_services(self):
        self.authenticate(self.user_owner.login, self.user_owner.login)
        key = self.make_jsonrpc_request("/msom/push/vapid", {})
        Device = self.env["mail.push.device"].sudo()
        keys = {"p256dh": "x", "auth": "y"}
        for endpoint in (
            "http://fcm.googleapis.com/fcm/send/a",
            "https://127.0.0.1/push",
            "https://localhost:8069/web",
            "https://10.0.0.5/push",
            "https://[::1]/push",
            "https://fcm.googleapis.com.evil.example/x",
            "https://fcm.googleapis.com:8443/fcm/send/a",
            "https://user@fcm.googleapis.com/fcm/send/a",
            "https://metadata.google.internal/computeMetadata",
        ):
            with self.assertRaises(JsonRpcException, msg=endpoint):
                self.make_jsonrpc_request(
                    "/msom/push/subscribe",
                    {"endpoint": endpoint, "keys": keys, "vapid_public_key": key},
                )
            self.assertFalse(Device.search([("endpoint", "=", endpoint)]), endpoint)
        for endpoint in (
            "https://fcm.googleapis.com/fcm/send/abc",
            "https://updates.push.services.mozilla.com/wpush/v2/abc",
            "https://web.push.apple.com/abc",
        ):
            self.make_jsonrpc_request(
                "/msom/push/subscribe",
                {"endpoint": endpoint, "keys": keys, "vapid_public_key": key},
            )
            device = Device.search([("endpoint", "=", endpoint)])
            self.assertEqual(device.partner_id, self.owner)
