# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .http_common import MsomPortalHttpCase


@tagged("post_install", "-at_install")
class TestLoginHistory(MsomPortalHttpCase):
    def _events(self, user):
        self.env.invalidate_all()
        return self.env["msom.login.event"].search(
            [("user_id", "=", user.id)], order="id"
        )

    def test_success_wrong_password_and_lock(self):
        # a success resets the failures earlier tests left on this address
        self._web_login("portal2_ewa", "portal2_ewa")
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("base.login_cooldown_after", 2)
        ICP.set_param("base.login_cooldown_duration", 60)
        self._web_login("portal2_jan", "zle-haslo")
        self._web_login("portal2_jan", "zle-haslo-2")
        # the third attempt falls in Odoo's cooldown, even with the right password
        response = self._web_login("portal2_jan", "portal2_jan")
        self.assertNotIn(
            "/my", response.url.split("?")[0].removeprefix(self.base_url())
        )
        self.assertEqual(
            self._events(self.user_owner).mapped("result"),
            ["wrong_password", "wrong_password", "locked"],
        )
        event = self._events(self.user_owner)[0]
        self.assertEqual(event.ip_address, "127.0.0.1")
        self.assertTrue(event.user_agent)
        # once the cooldown is over, the right password logs in
        ICP.set_param("base.login_cooldown_duration", 0)
        response = self._web_login("portal2_jan", "portal2_jan")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertEqual(self._events(self.user_owner)[-1].result, "success")
        # attempts on an unknown login are not attached to anybody
        self._web_login("nie-ma-takiego", "x")
        self.assertFalse(
            self.env["msom.login.event"].search([("login", "=", "nie-ma-takiego")])
        )

    def test_portal_page_shows_only_own_attempts(self):
        self._web_login("portal2_ewa", "zle-haslo")
        self._web_login("portal2_jan", "portal2_jan")
        page = self.url_open("/my/login-history")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_msom_login_history", page.text)
        self.assertNotIn("table-danger", page.text)  # Ewa's failure is not shown
        as_jan = self.env["msom.login.event"].with_user(self.user_owner)
        self.assertEqual(as_jan.search([]).user_id, self.user_owner)

    def test_revoke_only_own_device(self):
        self._web_login("portal2_ewa", "portal2_ewa")
        self.url_open("/my")
        self._web_login("portal2_jan", "portal2_jan")
        self.url_open("/my")
        self.env.invalidate_all()
        Device = self.env["res.device"].sudo()
        ewa_device = Device.search([("user_id", "=", self.user_neighbour.id)], limit=1)
        page = self.url_open("/my/login-history")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        if ewa_device:
            response = self.url_open(
                "/my/login-history/revoke",
                data={"device_id": ewa_device.id, "csrf_token": token},
            )
            self.assertEqual(response.status_code, 404)
        # an id that cannot be read is refused as a bad request
        response = self.url_open(
            "/my/login-history/revoke", data={"device_id": "x", "csrf_token": token}
        )
        self.assertEqual(response.status_code, 400)
