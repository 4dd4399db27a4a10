# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo.tests import HttpCase

from .services_common import MsomPortalMixin


class MsomPortalHttpCase(MsomPortalMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portal()

    def setUp(self):
        super().setUp()
        # Odoo's login rate limit counts failures per source address for the
        # whole process: off, unless a test turns it on (test_login_history).
        self.env["ir.config_parameter"].sudo().set_param("base.login_cooldown_after", 0)

    def _web_login(self, login, password):
        """A real login through the login form (the path residents take)."""
        self.session = None
        self.opener.cookies.clear()
        page = self.url_open("/web/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/web/login",
            data={
                "login": login,
                "password": password,
                "csrf_token": token,
                "redirect": "/my",
            },
        )
