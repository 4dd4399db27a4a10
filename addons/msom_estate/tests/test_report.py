# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
from unittest.mock import patch

from pypdf import PdfReader

from odoo.tests import HttpCase, tagged

from .common import MsomEstateMixin


@tagged("post_install", "-at_install")
class TestBuildingQrSheet(MsomEstateMixin, HttpCase):
    """An HTTP case: wkhtmltopdf loads the report's assets from the server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_registry()

    def setUp(self):
        super().setUp()
        # The form the codes open is another module's (msom_portal): the sheet
        # is tested with an address of its own, whichever modules are installed.
        patcher = patch.object(
            self.registry["fsm.location"],
            "_get_public_report_url",
            lambda location: f"https://example.com/report/{location.id}",
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_sheet_lists_every_staircase_and_unit(self):
        rows = self.building._get_qr_sheet_locations()
        locations = self.Location.concat(*rows)
        self.assertEqual(
            set(locations.ids),
            {self.building.id, self.staircase_1.id, self.staircase_2.id,
             self.unit_1.id, self.unit_2.id, self.unit_12.id},
        )  # fmt: skip
        self.assertTrue(all(len(row) <= 3 for row in rows))

    def test_qr_code_and_secret_token(self):
        self.assertGreaterEqual(len(self.unit_12.public_report_token), 16)
        self.assertNotEqual(
            self.unit_12.public_report_token, self.unit_1.public_report_token
        )
        png = self.unit_12._get_public_report_qr()
        self.assertTrue(png.startswith(b"iVBORw0KGgo"))  # base64 of the PNG signature

    def test_pdf_is_rendered(self):
        report = self.env.ref("msom_estate.action_report_building_qr_sheet")
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, self.building.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        pages = PdfReader(io.BytesIO(pdf)).pages
        self.assertEqual(sum(len(page.images) for page in pages), 6)
        # wkhtmltopdf draws web fonts as outlines: check the text in the HTML.
        html = report._render_qweb_html(report.report_name, self.building.ids)[0]
        html = html.decode()
        for label in (
            "ul. Lipowa 5",
            "kl. II",
            "unit 12",
            "Os. Testowe / ul. Lipowa 5",
        ):
            self.assertIn(label, html)
        self.assertEqual(html.count('alt="QR code"'), 6)
