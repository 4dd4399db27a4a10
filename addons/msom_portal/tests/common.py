# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io

from odoo.http import Request
from odoo.tests import HttpCase, new_test_user

from odoo.addons.msom_billing.tests.common import MsomBillingMixin
from odoo.addons.msom_estate.tests.common import MsomEstateMixin

# A 1x1 PNG, and its bytes
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/"
    "PchI7wAAAABJRU5ErkJggg=="
)


class MsomPortalCase(MsomBillingMixin, MsomEstateMixin, HttpCase):
    """Two residents of the test estate with charges, an invoice, tickets.

    - Jan Nowak (login portal_jan): unit 1 (residential, charge notices)
      and unit 2 (commercial, VAT invoices);
    - Ewa Wójcik (login portal_ewa): unit 12.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_registry()
        cls._setup_billing()
        cls.building.write(
            {"partner_latitude": 52.18843, "partner_longitude": 21.05286}
        )
        cls.unit_2.unit_type = "commercial"
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.owner)
        cls._occupy(cls.unit_12, cls.neighbour)
        cls.owner.email = "jan.nowak@example.pl"
        cls.neighbour.email = "ewa.wojcik@example.pl"
        cls.jan = cls._portal_user(cls.owner, "portal_jan")
        cls.ewa = cls._portal_user(cls.neighbour, "portal_ewa")
        for month in ("2025-01-01", "2025-02-01"):
            cls.env["msom.charge.run"].create(
                {"period": month, "estate_ids": [(6, 0, cls.estate.ids)]}
            ).action_post()
        Move = cls.env["account.move"]
        cls.notice_1 = Move.search(
            [("unit_id", "=", cls.unit_1.id), ("msom_charge_period", "!=", False)],
            limit=1,
        )
        cls.invoice_2 = Move.search(
            [("unit_id", "=", cls.unit_2.id), ("move_type", "=", "out_invoice")],
            limit=1,
        )
        cls.notice_12 = Move.search(
            [("unit_id", "=", cls.unit_12.id), ("msom_charge_period", "!=", False)],
            limit=1,
        )
        cls.account_1 = cls.env["msom.virtual.account"].search(
            [("unit_id", "=", cls.unit_1.id), ("partner_id", "=", cls.owner.id)]
        )
        partner = cls.env["res.partner"]
        cls.hydro = partner.create(
            {"name": "Hydro-Portal", "is_company": True, "is_contractor": True}
        )
        cls.plumbing = cls.env["fsm.category"].create(
            {
                "name": "hydraulika (portal)",
                "code": "P-HYD",
                "contractor_id": cls.hydro.id,
                "sla_hours_normal": 72,
            }
        )
        cls.env["msom.service.contact"].create(
            [
                {
                    "name": "Biuro Administracji Os. Testowe",
                    "kind": "office",
                    "phone": "22 123 45 67",
                    "address": "ul. Lipowa 1, Warszawa",
                    "opening_hours": "pn–pt 8–16",
                },
                {
                    "name": "Pogotowie wodno-kanalizacyjne",
                    "kind": "water",
                    "phone": "22 999 00 11",
                    "location_id": cls.building.id,
                },
            ]
        )
        # Tiles cannot load in the test browser: point them at a closed port.
        cls.env["ir.config_parameter"].sudo().set_param(
            "leaflet.tile_url", "http://127.0.0.1:9/{z}/{x}/{y}.png"
        )

    @classmethod
    def _build_tour_bundles(cls):
        """Build the bundles the tours load before the browser asks for them:
        on a busy machine generating them inside a step exceeds its timeout."""
        for bundle in (
            "web.assets_frontend",
            "web.assets_frontend_minimal",
            "web.assets_frontend_lazy",
            "portal.assets_chatter",
            "portal.assets_chatter_style",
        ):
            assets = cls.env["ir.qweb"]._get_asset_bundle(bundle)
            assets.css()
            assets.js()

    @classmethod
    def _portal_user(cls, partner, login):
        return new_test_user(
            cls.env,
            login=login,
            name=partner.name,
            email=partner.email,
            password=login + "_pw",
            groups="msom_estate.group_msom_resident",
            partner_id=partner.id,
        )

    @classmethod
    def _ticket(cls, location, reporter, **vals):
        return (
            cls.env["fsm.order"]
            .with_context(mail_create_nolog=True)
            .create(
                dict(
                    {
                        "location_id": location.id,
                        "category_id": cls.plumbing.id,
                        "reporter_partner_id": reporter.id,
                        "channel": "portal",
                        "description": "<p>Cieknie kran</p>",
                    },
                    **vals,
                )
            )
        )

    def _login(self, user):
        self.authenticate(user.login, user.login + "_pw")

    def _post(self, url, data, files=None, **kwargs):
        data = dict(data, csrf_token=Request.csrf_token(self))
        return self.url_open(url, data=data, files=files, **kwargs)

    @staticmethod
    def _png(name="kran.png"):
        return ("photos", (name, io.BytesIO(PNG), "image/png"))
