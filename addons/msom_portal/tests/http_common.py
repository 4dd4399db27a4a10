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
        # Odoo's login rate limit is kept per registry and source address
        failures = getattr(self.env.registry, "_login_failures", None)
        if failures is not None:
            failures.clear()
            self.addCleanup(failures.clear)

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
