# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import re

from lxml import etree

from odoo.tests import tagged
from odoo.tools.misc import file_open, file_path

from odoo.addons.msom_billing.tools import format_nrb
from odoo.addons.msom_estate.tests.common import load_polish

from .common import MsomPortalCase


@tagged("post_install", "-at_install")
class TestPortalPages(MsomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._ticket(cls.unit_1, cls.owner)

    def _get(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def test_home_tiles(self):
        self._login(self.jan)
        page = self._get("/my")
        self.assertIn('id="msom_home_tiles"', page)
        for key in ("tickets", "balance", "next_payment", "votes"):
            self.assertIn(f"msom_tile_{key}", page)
        tiles = {tile["key"]: tile for tile in self._tiles(self.jan)}
        self.assertEqual(tiles["tickets"]["value"], "1")
        due = sum(
            data["closing"]
            for data in (self.unit_1 | self.unit_2)
            ._msom_turnover("2000-01-01", "2100-01-01")
            .values()
        )
        self.assertGreater(due, 0)
        self.assertEqual(
            tiles["balance"]["value"], self.env.company.currency_id.format(due)
        )
        self.assertEqual(tiles["votes"]["value"], "0")

    def test_header_shows_the_demo_cooperatives_logo(self):
        """The demo cooperative has a logo of its own (msom_estate's demo):
        the portal header and the PDF headers show it, not the company name or
        Odoo's "Your logo" placeholder."""
        demo = etree.parse(file_path("msom_estate/demo/msom_estate_demo.xml"))
        field = demo.find(".//record[@id='base.main_company']/field[@name='logo']")
        with file_open(field.get("file"), "rb") as logo:
            png = logo.read()
        self.assertTrue(png.startswith(b"\x89PNG\r\n"))
        company = self.env.company
        company.logo = base64.b64encode(png)
        self.assertFalse(company.uses_default_logo)
        self._login(self.jan)
        page = self._get("/my")
        header_logo = re.search(r"<img[^>]*msom_brand_logo[^>]*>", page)
        self.assertIn(f'src="/logo.png?company={company.id}"', header_logo.group())
        self.assertNotIn("msom_brand_name", page)
        served = self.url_open(f"/logo.png?company={company.id}")
        self.assertTrue(served.content.startswith(b"\x89PNG\r\n"))
        with file_open("web/static/img/nologo.png", "rb") as placeholder:
            self.assertNotEqual(served.content, placeholder.read())
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "msom_billing.action_report_charge_notice", self.notice_1.ids
        )
        self.assertIn(company.logo.decode()[:200], html.decode())

    def _tiles(self, user):
        """The tiles of /my as shown: [{key, value}]."""
        page = self._get("/my")
        found = re.findall(
            r'msom_tile_(\w+)".*?msom_tile_value">([^<]*)<', page, flags=re.DOTALL
        )
        return [{"key": key, "value": value.strip()} for key, value in found]

    def test_units(self):
        self._login(self.jan)
        page = self._get("/my/units")
        self.assertIn(self.unit_1.display_name, page)
        self.assertIn(self.unit_2.display_name, page)
        self.assertNotIn(self.unit_12.display_name, page)
        page = self._get(f"/my/units/{self.unit_1.id}")
        self.assertIn(format_nrb(self.account_1.number), page)
        self.assertIn("Jan Nowak", page)
        self.assertNotIn("Ewa Wójcik", page)
        self.assertIn("/report/barcode/?barcode_type=QR", page)
        self.assertIn("48,5", page.replace("48.5", "48,5"))

    def test_balances(self):
        self._login(self.jan)
        page = self._get(f"/my/balances/{self.unit_1.id}?year=2025")
        self.assertIn("msom_turnover_table", page)
        self.assertIn("Eksploatacja", page)  # per component
        self.assertIn("msom_bar_charges", page)  # the chart
        self.assertIn(f"/my/balances/document/{self.notice_1.id}", page)
        months = self.unit_1._msom_monthly_turnover("2025-01-01", "2025-12-31")
        self.assertEqual(len(months), 12)
        total = self.unit_1._msom_turnover("2025-01-01", "2025-12-31")[self.unit_1.id][
            "charges"
        ]
        self.assertAlmostEqual(sum(m["charges"] for m in months), total, places=2)
        self.assertGreater(months[0]["charges"], 0)
        self.assertEqual(months[5]["charges"], 0.0)

    def test_invoices_per_unit(self):
        self._login(self.jan)
        page = self._get("/my/invoices")
        self.assertIn(self.invoice_2.name, page)
        self.assertIn("msom_unit_filter", page)
        page = self._get(f"/my/invoices?unit={self.unit_1.id}")
        self.assertNotIn(self.invoice_2.name, page)
        page = self._get(f"/my/invoices?unit={self.unit_2.id}")
        self.assertIn(self.invoice_2.name, page)
        page = self._get(f"/my/invoices/{self.invoice_2.id}")
        self.assertIn(self.invoice_2.name, page)

    def test_payment_calendar_and_ical(self):
        self._login(self.jan)
        page = self._get("/my/payments/calendar")
        self.assertIn("msom_calendar_list", page)
        self.owner.invalidate_recordset()
        token = self.owner.sudo().msom_calendar_token
        self.assertTrue(token)
        self.assertIn(f"/msom/billing/calendar/{token}.ics", page)
        self.assertIn("webcal://", page)
        ics = self.url_open(f"/msom/billing/calendar/{token}.ics")
        self.assertEqual(ics.status_code, 200)
        self.assertIn("BEGIN:VEVENT", ics.text)

    def test_contact(self):
        self._login(self.jan)
        page = self._get("/my/contact")
        self.assertIn("Biuro Administracji Os. Testowe", page)
        self.assertIn("pn–pt 8–16", page)
        self.assertIn("tel:229990011", page)

    def test_charge_notice_pdf(self):
        self._login(self.jan)
        response = self.url_open(f"/my/balances/document/{self.notice_1.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")

    def test_votes_link(self):
        self._login(self.jan)
        self.assertIn('href="/my/votes"', self._get("/my"))
        self._get("/my/votes")

    def test_polish(self):
        load_polish(self.env, ["msom_portal"], overwrite=True)
        self.jan.lang = "pl_PL"
        self._login(self.jan)
        page = self._get("/my/tickets/new")
        self.assertIn("Zgłoś problem", page)
        self.assertIn("Kiedy możemy przyjść?", page)
        page = self._get("/my")
        self.assertIn("Otwarte zgłoszenia", page)
        # the resident's messages are Polish too
        response = self._post("/my/tickets/submit", {"description": " "})
        self.assertIn("Wskaż, gdzie jest problem", response.text)
