# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from odoo import http
from odoo.tests import tagged

from .http_common import MsomPortalHttpCase


@tagged("post_install", "-at_install")
class TestPortalSecurity(MsomPortalHttpCase):
    """Jan enumerates Ewa's records by URL and by RPC and gets nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.attachment = cls.env["ir.attachment"].create(
            {"name": "regulamin.pdf", "datas": base64.b64encode(b"%PDF-1.4 tajne")}
        )
        cls.for_ewa = cls._announcement(
            name="Tylko klatka II",
            location_ids=[(6, 0, cls.staircase_2.ids)],
            attachment_ids=[(6, 0, cls.attachment.ids)],
        )
        cls.for_ewa.action_publish()
        cls.for_jan = cls._announcement(
            name="Tylko klatka I", location_ids=[(6, 0, cls.staircase_1.ids)]
        )
        cls.for_jan.action_publish()
        Conversation = cls.env["msom.resident.conversation"]
        cls.chat_ewa = Conversation._get_for_partner(cls.neighbour)
        cls.chat_ewa._portal_post("Sekret Ewy")
        cls.request_ewa = cls.env["msom.partner.change.request"]._portal_submit(
            cls.neighbour, {"phone": "+48 500 600 700"}
        )
        cls.env["msom.login.event"].create(
            {"user_id": cls.user_neighbour.id, "result": "wrong_password",
             "ip_address": "203.0.113.7"}
        )  # fmt: skip

    def test_by_url(self):
        self.authenticate("portal2_jan", "portal2_jan")
        listing = self.url_open("/my/announcements")
        self.assertIn("Tylko klatka I", listing.text)
        self.assertNotIn("Tylko klatka II", listing.text)
        for url in (
            f"/my/announcements/{self.for_ewa.id}",
            f"/my/announcements/{self.for_ewa.id}/attachment/{self.attachment.id}",
            f"/my/announcements/{self.for_jan.id}/attachment/{self.attachment.id}",
            "/my/announcements/999999999",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        page = self.url_open(f"/my/announcements/{self.for_jan.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Tylko klatka I", page.text)
        chat = self.url_open("/my/chat")
        self.assertNotIn("Sekret Ewy", chat.text)
        self.assertNotIn(f'data-conversation-id="{self.chat_ewa.id}"', chat.text)
        personal = self.url_open("/my/personal")
        self.assertNotIn("500 600 700", personal.text)
        history = self.url_open("/my/login-history")
        self.assertNotIn("203.0.113.7", history.text)
        messages = self.make_jsonrpc_request("/my/chat/messages", {"after": 0})
        self.assertFalse([m for m in messages if "Sekret" in m["body"]])

    def test_contact_data_only_through_change_requests(self):
        name = self.owner.name
        self.authenticate("portal2_jan", "portal2_jan")
        for url in ("/my/account", "/my/addresses", "/my/address"):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, 303)
                self.assertTrue(response.headers["Location"].endswith("/my/personal"))
        response = self.url_open(
            "/my/address/submit",
            data={"name": "Jan Zmieniony", "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.owner.name, name)

    def test_by_rpc(self):
        self.authenticate("portal2_jan", "portal2_jan")
        for model, record in (
            ("msom.announcement", self.for_ewa),
            ("msom.resident.conversation", self.chat_ewa),
            ("msom.partner.change.request", self.request_ewa),
            ("msom.partner.change.request.line", self.request_ewa.line_ids),
            ("msom.login.event", self.env["msom.login.event"].search(
                [("user_id", "=", self.user_neighbour.id)])),
            ("mail.message", self.chat_ewa._portal_messages()),
        ):  # fmt: skip
            with self.subTest(model=model):
                found = self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {
                        "model": model,
                        "method": "search_read",
                        "args": [[("id", "in", record.ids)]],
                        "kwargs": {"fields": ["id"]},
                    },
                )
                self.assertEqual(found, [])
                with self.assertRaises(Exception) as caught:
                    self.make_jsonrpc_request(
                        "/web/dataset/call_kw",
                        {
                            "model": model,
                            "method": "read",
                            "args": [record.ids, ["id"]],
                            "kwargs": {},
                        },
                    )
                self.assertIn("AccessError", str(caught.exception))
