# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every PDF report of ours, printed by wkhtmltopdf as in production (the
test server serves the report's styles): the text is text, Polish letters
included, the fonts are embedded real fonts, and the file stays small.

wkhtmltopdf draws web fonts (@font-face, such as the company's Lato) as
outlines; msom_estate's report layout gives our reports system fonts.
"""

import io

from pypdf import PdfReader

from odoo.tests import tagged

from .common import MsomPortalCase
from .test_billing_pages import MsomPortalBillingMixin

# outlines made one page about 800 kB; text with embedded fonts is a few
# dozen kB plus images (the QR codes)
MAX_BYTES_PER_PAGE = 150_000
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@tagged("post_install", "-at_install")
class TestReportPdfs(MsomPortalBillingMixin, MsomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_billing_pages()
        cls.owner.name = "Jan Żółkiewski"
        cls.building_pl = cls.Location.create(
            {"name": "ul. Źródlana 7", "location_level": "building",
             "parent_id": cls.estate.id, "street": "ul. Źródlana 7",
             "city": "Łódź", "zip": "90-001"}
        )  # fmt: skip
        cls.turnover = cls.env["msom.unit.turnover"].create(
            {"date_from": "2025-01-01", "date_to": "2025-12-31"}
        )
        cls.turnover.action_compute()
        cls.vote = cls.env["survey.survey"].create(
            {"title": "Uchwała o wymianie wind", "msom_kind": "vote",
             "msom_scope": "building", "msom_location_id": cls.building.id,
             "msom_target_group": "owners", "msom_weighting": "unit",
             "msom_majority": "eligible", "msom_resolution_number": "2/2026",
             "msom_resolution_text": "<p>Wymiana dźwigów osobowych.</p>"}
        )  # fmt: skip

    def _reports(self):
        """(report xml id, records, a text with Polish letters it prints)."""
        demand = self.demand_ewa
        return [
            ("msom_estate.action_report_building_qr_sheet", self.building_pl,
             "ul. Źródlana 7"),
            ("msom_billing.action_report_charge_notice", self.notice_1,
             "Jan Żółkiewski"),
            ("msom_collection.action_report_interest_note", self.note_jan,
             "Jan Żółkiewski"),
            ("msom_collection.action_report_payment_demand", demand, "Ewa Wójcik"),
            ("msom_collection.action_report_demand_post_list", demand, "Ewa Wójcik"),
            ("msom_billing.action_report_unit_turnover", self.turnover,
             "Zimna woda i ścieki"),
            ("msom_survey.action_report_vote_protocol", self.vote,
             "Uchwała o wymianie wind"),
        ]  # fmt: skip

    def _print(self, xmlid, records):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        # HttpCase lets wkhtmltopdf fetch the styles from the test server
        pdf, _kind = Report._render_qweb_pdf(xmlid, records.ids)
        return pdf

    def test_reports_have_text_and_real_fonts(self):
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        ours = self.env["ir.actions.report"].search(
            [("report_type", "=", "qweb-pdf"), ("report_name", "=like", "msom_%")]
        )
        printed = {report[0] for report in self._reports()}
        self.assertEqual(
            set(ours.get_external_id().values()) - printed,
            set(),
            "a PDF report of ours this test does not print",
        )
        for xmlid, records, expected in self._reports():
            with self.subTest(report=xmlid):
                pdf = self._print(xmlid, records)
                reader = PdfReader(io.BytesIO(pdf))
                pages = len(reader.pages)
                text = " ".join(
                    " ".join(page.extract_text().split()) for page in reader.pages
                )
                self.assertIn(expected, text, "no text, or Polish letters lost")
                fonts = self._fonts(reader)
                self.assertTrue(fonts, "no font: the text is drawn as outlines")
                for name, subtype, embedded in fonts:
                    self.assertNotEqual(subtype, "/Type3", f"{name}: outlines")
                    self.assertTrue(embedded, f"{name} is not embedded")
                self.assertLessEqual(
                    len(pdf), MAX_BYTES_PER_PAGE * pages, f"{len(pdf)} B, {pages} p."
                )

    @staticmethod
    def _fonts(reader):
        """{(name, subtype, embedded)} of the fonts the pages use."""
        fonts = set()
        for page in reader.pages:
            resources = page.get("/Resources") or {}
            for font in (resources.get("/Font") or {}).values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor")
                for descendant in font.get("/DescendantFonts") or []:
                    descriptor = descendant.get_object().get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                embedded = any(key in descriptor for key in FONT_FILES)
                fonts.add(
                    (
                        str(font.get("/BaseFont")),
                        font.get("/Subtype"),
                        embedded or font.get("/Subtype") == "/Type3",
                    )
                )
        return fonts
