# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.msom_estate.tests.common import load_polish

from .common import PNG, MsomPortalCase


class MsomPortalBillingMixin:
    """Documents, meters, collection files and consents of Jan (units 1, 2)
    and Ewa (unit 12)."""

    @classmethod
    def _setup_billing_pages(cls):
        today = fields.Date.today()
        cls.today = today
        Attachment = cls.env["ir.attachment"]
        Document = cls.env["msom.document"]
        cls.file_jan = Attachment.create(
            {"name": "umowa.pdf", "datas": base64.b64encode(b"%PDF-1.4 umowa Jana")}
        )
        cls.file_ewa = Attachment.create(
            {"name": "decyzja.pdf", "datas": base64.b64encode(b"%PDF-1.4 Ewy")}
        )
        cls.doc_jan = Document.create(
            {"name": "Umowa o ustanowienie prawa", "document_type": "contract",
             "unit_id": cls.unit_1.id, "portal_visible": True,
             "attachment_ids": [(6, 0, cls.file_jan.ids)]}
        )  # fmt: skip
        cls.doc_internal = Document.create(
            {"name": "Notatka wewnętrzna", "document_type": "other",
             "unit_id": cls.unit_1.id, "portal_visible": False}
        )  # fmt: skip
        cls.doc_ewa = Document.create(
            {"name": "Decyzja o przydziale", "document_type": "decision",
             "unit_id": cls.unit_12.id, "portal_visible": True,
             "attachment_ids": [(6, 0, cls.file_ewa.ids)]}
        )  # fmt: skip
        Note = cls.env["msom.interest.note"]
        cls.note_jan = Note.create(
            {"name": "NO/2025/0001", "unit_id": cls.unit_1.id,
             "partner_id": cls.owner.id, "date": "2025-03-01",
             "date_due": "2025-03-15", "state": "posted"}
        )  # fmt: skip
        cls.note_ewa = Note.create(
            {"name": "NO/2025/0002", "unit_id": cls.unit_12.id,
             "partner_id": cls.neighbour.id, "date": "2025-03-01",
             "date_due": "2025-03-15", "state": "posted"}
        )  # fmt: skip
        level = cls.env["msom.dunning.level"].create(
            {"name": "Wezwanie", "title": "Wezwanie do zapłaty"}
        )
        Demand = cls.env["msom.payment.demand"]
        cls.demand_ewa = Demand.create(
            {"name": "WZ/2025/0002", "unit_id": cls.unit_12.id,
             "partner_id": cls.neighbour.id, "level_id": level.id,
             "date_deadline": "2025-04-01", "state": "sent"}
        )  # fmt: skip
        Case = cls.env["msom.collection.case"]
        cls.case_jan = Case._get_open_case(cls.unit_1.id, cls.owner.id, cls.company)
        cls.court_jan = cls.env["msom.court.case"].create(
            {"case_id": cls.case_jan.id, "claim_amount": 1200.0,
             "filed_date": "2025-06-01", "reference": "I Nc 123/25"}
        )  # fmt: skip
        cls.case_ewa = Case._get_open_case(
            cls.unit_12.id, cls.neighbour.id, cls.company
        )
        cls.env["msom.court.case"].create(
            {"case_id": cls.case_ewa.id, "claim_amount": 250.0,
             "filed_date": "2025-06-01", "reference": "I Nc 999/25"}
        )  # fmt: skip
        Meter = cls.env["msom.meter"]
        start = today - timedelta(days=120)
        cls.meter_jan = Meter.create(
            {"serial_number": "ZW-P-0001", "meter_type": "cold_water",
             "unit_id": cls.unit_1.id, "install_date": start,
             "initial_reading": 100.0, "location": "łazienka"}
        )  # fmt: skip
        cls.env["msom.meter.reading"].create(
            {"meter_id": cls.meter_jan.id, "date": today - timedelta(days=60),
             "value": 105.5}
        )  # fmt: skip
        cls.meter_ewa = Meter.create(
            {"serial_number": "ZW-P-0012", "meter_type": "cold_water",
             "unit_id": cls.unit_12.id, "install_date": start,
             "initial_reading": 10.0}
        )  # fmt: skip
        cls.campaign = cls.env["msom.meter.campaign"].create(
            {"name": "Odczyty testowe", "date_from": today - timedelta(days=5),
             "deadline": today + timedelta(days=5), "state": "open"}
        )  # fmt: skip


@tagged("post_install", "-at_install")
class TestPortalBillingPages(MsomPortalBillingMixin, MsomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_billing_pages()

    # ------------------------------------------------------------ documents

    def test_documents_page(self):
        self._login(self.jan)
        page = self.url_open("/my/documents")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Umowa o ustanowienie prawa", page.text)
        self.assertIn("NO/2025/0001", page.text)
        self.assertIn(self.case_jan.name, page.text)
        for hidden in ("Notatka wewnętrzna", "Decyzja o przydziale", "NO/2025/0002",
                       "WZ/2025/0002"):  # fmt: skip
            self.assertNotIn(hidden, page.text)
        url = f"/my/documents/{self.doc_jan.id}/attachment/{self.file_jan.id}"
        self.assertIn(url, page.text)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 umowa Jana")
        file_page = self.url_open(f"/my/documents/file/{self.case_jan.id}")
        self.assertEqual(file_page.status_code, 200)
        self.assertIn("I Nc 123/25", file_page.text)
        self.assertNotIn("I Nc 999/25", file_page.text)
        home = self.url_open("/my")
        self.assertIn("msom_tile_documents", home.text)
        self.assertIn('href="/my/documents"', home.text)

    def test_documents_enumeration(self):
        """Jan asks for Ewa's documents, files, letters and file by URL."""
        self._login(self.jan)
        for url in (
            f"/my/documents/{self.doc_ewa.id}/attachment/{self.file_ewa.id}",
            f"/my/documents/{self.doc_jan.id}/attachment/{self.file_ewa.id}",
            f"/my/documents/{self.doc_internal.id}/attachment/{self.file_jan.id}",
            f"/my/documents/interest-note/{self.note_ewa.id}/pdf",
            f"/my/documents/demand/{self.demand_ewa.id}/pdf",
            f"/my/documents/unknown/{self.note_jan.id}/pdf",
            f"/my/documents/file/{self.case_ewa.id}",
            "/my/documents/file/999999999",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(b"Ewy", response.content)

    # --------------------------------------------------------------- meters

    def test_meters_page_and_reading(self):
        self.owner.msom_grant_consent("ereading")
        self._login(self.jan)
        page = self.url_open("/my/meters")
        self.assertEqual(page.status_code, 200)
        self.assertIn("ZW-P-0001", page.text)
        self.assertNotIn("ZW-P-0012", page.text)
        meter_page = self.url_open(f"/my/meters/{self.meter_jan.id}")
        self.assertIn("msom_consumption_chart", meter_page.text)
        self.assertIn("o_msom_reading_form", meter_page.text)
        url = f"/my/meters/{self.meter_jan.id}/reading"
        # lower than the previous reading: a clear message, nothing saved
        count = len(self.meter_jan.reading_ids)
        response = self._post(url, {"value": "101", "date": str(self.today)})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_msom_reading_error", response.text)
        self.assertIn("lower than the previous", response.text)
        self.assertIn('value="101"', response.text)
        # in the future
        response = self._post(
            url, {"value": "110", "date": str(self.today + timedelta(days=3))}
        )
        self.assertIn("in the future", response.text)
        # a photo that is not an image
        response = self._post(
            url,
            {"value": "110", "date": str(self.today)},
            files=[("photo", ("licznik.png", io.BytesIO(b"MZ not an image"),
                              "image/png"))],
        )  # fmt: skip
        self.assertIn("is not a photo", response.text)
        # a photo over the size limit
        params = self.env["ir.config_parameter"]
        params.set_param("msom_tickets.attachment_max_mb", "0.0001")
        response = self._post(
            url,
            {"value": "110", "date": str(self.today)},
            files=[("photo", ("licznik.png", io.BytesIO(PNG * 10), "image/png"))],
        )
        self.assertIn("is larger than", response.text)
        params.set_param("msom_tickets.attachment_max_mb", "10")
        # not a number
        response = self._post(url, {"value": "sto", "date": str(self.today)})
        self.assertIn("must be a number", response.text)
        self.meter_jan.invalidate_recordset()
        self.assertEqual(len(self.meter_jan.reading_ids), count)
        # a good one, with a photo
        response = self._post(
            url,
            {"value": "110,25", "date": str(self.today)},
            files=[("photo", ("licznik.png", io.BytesIO(PNG), "image/png"))],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_msom_reading_saved", response.text)
        reading = self.meter_jan.reading_ids.filtered(lambda r: r.source == "resident")
        self.assertEqual(reading.value, 110.25)
        self.assertEqual(reading.partner_id, self.owner)
        self.assertEqual(reading.campaign_id, self.campaign)
        self.assertTrue(reading.photo)

    def test_reading_outside_campaign_or_without_consent(self):
        self._login(self.jan)
        url = f"/my/meters/{self.meter_jan.id}/reading"
        response = self._post(url, {"value": "111", "date": str(self.today)})
        self.assertIn("e-reading consent", response.text)
        self.owner.msom_grant_consent("ereading")
        self.campaign.action_close()
        page = self.url_open(f"/my/meters/{self.meter_jan.id}")
        self.assertIn("o_msom_no_campaign", page.text)
        response = self._post(url, {"value": "111", "date": str(self.today)})
        self.assertIn("reading campaign", response.text)
        self.assertFalse(
            self.meter_jan.reading_ids.filtered(lambda r: r.source == "resident")
        )

    def test_campaign_of_other_meters(self):
        """A campaign for hot water only, or for another estate, does not
        take cold-water readings of this estate."""
        self.owner.msom_grant_consent("ereading")
        self._login(self.jan)
        url = f"/my/meters/{self.meter_jan.id}"
        self.campaign.meter_type = "hot_water"
        self.assertIn("o_msom_no_campaign", self.url_open(url).text)
        other = self._create_estate("Osiedle Inne", self.company)
        self.campaign.write({"meter_type": False, "estate_ids": [(6, 0, other.ids)]})
        self.assertIn("o_msom_no_campaign", self.url_open(url).text)
        self.campaign.estate_ids = self.estate
        self.assertNotIn("o_msom_no_campaign", self.url_open(url).text)
        self.assertIn("msom_tile_meters", self.url_open("/my").text)

    def test_meters_enumeration(self):
        self.owner.msom_grant_consent("ereading")
        self.neighbour.msom_grant_consent("ereading")
        self._login(self.jan)
        for url in (f"/my/meters/{self.meter_ewa.id}", "/my/meters/999999999"):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        response = self._post(
            f"/my/meters/{self.meter_ewa.id}/reading",
            {"value": "20", "date": str(self.today)},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(
            self.meter_ewa.reading_ids.filtered(lambda r: r.source == "resident")
        )

    # ------------------------------------------------------------- consents

    def test_consents(self):
        self._login(self.jan)
        page = self.url_open("/my/consents")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_msom_consent_einvoice", page.text)
        # a partner id sent along is ignored: only Jan's consent changes
        response = self._post(
            "/my/consents/ereading/grant", {"partner_id": self.neighbour.id}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.owner._msom_has_consent("ereading"))
        self.assertFalse(self.neighbour._msom_has_consent("ereading"))
        self._post("/my/consents/ereading/withdraw", {})
        self.assertFalse(self.owner._msom_has_consent("ereading"))
        page = self.url_open("/my/consents")
        self.assertEqual(page.text.count("o_msom_consent_history"), 1)
        log = self.env["msom.consent.log"].search([("partner_id", "=", self.owner.id)])
        self.assertEqual(sorted(log.mapped("action")), ["grant", "withdraw"])
        self.assertEqual(set(log.mapped("channel")), {"portal"})
        # e-invoice without an e-mail: a clear message
        self.owner.email = False
        response = self._post("/my/consents/einvoice/grant", {})
        self.assertIn("o_msom_consent_error", response.text)
        self.assertFalse(self.owner._msom_has_consent("einvoice"))
        for url in ("/my/consents/bogus/grant", "/my/consents/einvoice/delete"):
            with self.subTest(url=url):
                self.assertEqual(self._post(url, {}).status_code, 404)
        # Ewa's history is not shown to Jan
        self.neighbour.msom_grant_consent("ereading", channel="office")
        page = self.url_open("/my/consents")
        self.assertNotIn("Office (paper form)", page.text)

    def test_instalments_only_through_the_request(self):
        """Payment in instalments is agreed with the office: no one-tap grant
        beside the instalment request; the other consents in Polish."""
        load_polish(self.env, ["msom_billing", "msom_portal"])
        self.jan.lang = "pl_PL"
        self._login(self.jan)
        page = self.url_open("/my/consents").text
        self.assertIn("o_msom_instalment_request", page)
        self.assertNotIn("o_msom_consent_installments", page)
        self.assertNotIn("Payment in instalments", page)
        self.assertNotIn("E-invoice (documents", page)
        response = self._post("/my/consents/installments/grant", {})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.owner._msom_has_consent("installments"))
        # granted by the office, it shows in the request's card
        self.owner.msom_grant_consent("installments", channel="office")
        page = self.url_open("/my/consents").text
        self.assertIn("o_msom_consent_installments", page)

    def test_instalment_request(self):
        self._login(self.jan)
        url = "/my/consents/instalments/request"
        response = self._post(url, {"note": "", "count": "6"})
        self.assertIn("o_msom_consent_error", response.text)
        response = self._post(url, {"note": "Utrata pracy", "count": "99"})
        self.assertIn("o_msom_consent_error", response.text)
        self.assertFalse(self.owner.sudo()._msom_open_instalment_request())
        response = self._post(url, {"note": "Utrata pracy", "count": "6"})
        self.assertIn("o_msom_instalment_pending", response.text)
        activity = self.owner.sudo()._msom_open_instalment_request()
        self.assertEqual(len(activity), 1)
        self.assertIn("Utrata pracy", str(activity.note))
        self.assertFalse(activity.user_id.share)
        # a second request while one is open is refused
        response = self._post(url, {"note": "Jeszcze raz", "count": "6"})
        self.assertEqual(len(self.owner.sudo()._msom_open_instalment_request()), 1)

    def test_reading_errors_in_polish(self):
        """A Polish resident gets billing's validation in Polish on the form."""
        load_polish(self.env, ["msom_billing", "msom_portal"])
        self.jan.lang = "pl_PL"
        self.owner.msom_grant_consent("ereading")
        self._login(self.jan)
        url = f"/my/meters/{self.meter_jan.id}/reading"
        response = self._post(url, {"value": "101", "date": str(self.today)})
        self.assertIn("jest niższy niż poprzedni", response.text)
        response = self._post(
            url, {"value": "110", "date": str(self.today + timedelta(days=3))}
        )
        self.assertIn("jest w przyszłości", response.text)
        response = self._post(url, {"value": " ", "date": str(self.today)})
        self.assertIn("Wpisz stan wskazywany przez licznik", response.text)
        self.assertFalse(
            self.meter_jan.reading_ids.filtered(lambda r: r.source == "resident")
        )

    def test_interest_note_pdf(self):
        self._login(self.jan)
        response = self.url_open(
            f"/my/documents/interest-note/{self.note_jan.id}/pdf", timeout=120
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # in tests Odoo renders reports as HTML (no wkhtmltopdf round trip)
        self.assertIn(b"NO/2025/0001", response.content)
