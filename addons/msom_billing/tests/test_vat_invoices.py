# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
from datetime import date
from unittest.mock import patch

from odoo import tools
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import MsomBillingCase


class MsomVatCase(MsomBillingCase):
    """The estate on the Polish chart: upkeep and the repair fund at 23 %,
    water at 8 %, the intercom exempt for residential units; unit 12 is a
    shop let to a company, unit 1 is a flat."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # art. 106e ust. 1 pkt 3 and 5: the seller's name, address and NIP
        cls.company.write(
            {
                "vat": "PL5213000009",
                "street": "ul. Bernardyńska 10",
                "zip": "02-904",
                "city": "Warszawa",
                "country_id": cls.env.ref("base.pl").id,
            }
        )
        chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.tax_23 = chart.ref("vs_kraj_usl_23")
        cls.tax_8 = chart.ref("vs_kraj_8")
        cls.tax_exempt = chart.ref("msom_vat_exempt_housing")
        cls.c_maintenance.tax_ids = cls.tax_23
        cls.c_repair.tax_ids = cls.tax_23
        cls.c_water.tax_ids = cls.tax_8
        cls.c_intercom.tax_ids = cls.tax_23
        cls.unit_12.unit_type = "commercial"
        cls.shop = cls.env["res.partner"].create(
            {
                "name": "Sklep Pod Lipami Sp. z o.o.",
                "is_company": True,
                "vat": "PL5260250274",
                "street": "ul. Lipowa 5",
                "city": "Warszawa",
                "zip": "00-001",
                "country_id": cls.env.ref("base.pl").id,
            }
        )
        cls._occupy(cls.unit_12, cls.shop, role="tenant")
        cls._occupy(cls.unit_1, cls.owner)
        # 23 % of 141.45, 86.10 and 5.00: 32.53 + 19.80 + 1.15 by line,
        # 53.49 of their sum
        cls.vat_23 = (
            53.48
            if cls.company.tax_calculation_rounding_method == "round_per_line"
            else 53.49
        )

    @classmethod
    def _register_in_ksef(cls):
        """l10n_pl_edi's test certificate (it never reaches KSeF)."""

        def read(filename):
            path = f"l10n_pl_edi/tests/certificate/{filename}"
            with tools.file_open(path, mode="rb") as handle:
                return base64.b64encode(handle.read())

        key = cls.env["certificate.key"].create(
            {
                "company_id": cls.company.id,
                "name": "l10n_pl_edi_test.key",
                "content": read("l10n_pl_edi_test.key"),
                "password": "Qwertyuiop@12345",
            }
        )
        certificate = cls.env["certificate.certificate"].create(
            {
                "company_id": cls.company.id,
                "name": "l10n_pl_edi_test.pem",
                "content": read("l10n_pl_edi_test.pem"),
                "private_key_id": key.id,
            }
        )
        cls.company.sudo().write(
            {
                "l10n_pl_edi_certificate": certificate.id,
                "l10n_pl_edi_access_token": "access-token",
                "l10n_pl_edi_refresh_token": "refresh-token",
            }
        )

    def _invoice(self, unit, partner=None):
        moves = self._charges(unit)
        if partner:
            moves = moves.filtered(lambda move: move.partner_id == partner)
        return moves


@tagged("post_install", "-at_install")
class TestVatInvoices(MsomVatCase):
    def test_polish_chart_brings_billing_journals_and_accounts(self):
        """The chart template's hooks, not first use, set billing up."""
        company = self.company
        self.assertEqual(company.chart_template, "pl")
        self.assertEqual(company.msom_charge_journal_id.code, "NAL")
        self.assertEqual(company.msom_interest_journal_id.code, "NOD")
        self.assertEqual(company.msom_interest_account_id.code, "75.000.300")
        self.assertEqual(company.msom_compensation_account_id.code, "76.000.900")
        # art. 43 ust. 1 pkt 36 of the VAT act, on the exempt tax's invoices
        self.assertIn("art. 43 ust. 1 pkt 36", self.tax_exempt.invoice_legal_notes)
        self.assertEqual(self.tax_exempt.amount, 0)

    def test_commercial_invoice_has_the_fields_of_art_106e(self):
        """Art. 106e ust. 1 of the VAT act: issue date (pkt 1), number (2),
        seller's and buyer's NIP (3-5), sale date (6), net per line (11),
        rate (12), net per rate (13), VAT per rate (14), total (15)."""
        self._run("2025-03-01").action_post()
        invoice = self._invoice(self.unit_12)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertTrue(invoice.name)
        self.assertEqual(invoice.invoice_date, date(2025, 3, 1))
        # a service settled by the month is supplied on its last day
        # (art. 19a ust. 3 of the VAT act)
        self.assertEqual(invoice.delivery_date, date(2025, 3, 31))
        self.assertTrue(invoice.company_id.vat)
        self.assertEqual(invoice.commercial_partner_id.vat, "PL5260250274")
        lines = {line.msom_component_id: line for line in invoice.invoice_line_ids}
        # 41 m² × 3.45 = 141.45 and × 2.10 = 86.10 at 23 %; water 1 person
        # × 45 at 8 %; intercom 5 at 23 %
        self.assertEqual(lines[self.c_maintenance].tax_ids, self.tax_23)
        self.assertEqual(lines[self.c_water].tax_ids, self.tax_8)
        self.assertEqual(lines[self.c_maintenance].price_subtotal, 141.45)
        self.assertAlmostEqual(invoice.amount_untaxed, 141.45 + 86.10 + 45.0 + 5.0)
        by_group = {
            group["group_name"]: (
                round(group["base_amount"], 2),
                round(group["tax_amount"], 2),
            )
            for subtotal in invoice.tax_totals["subtotals"]
            for group in subtotal["tax_groups"]
        }
        self.assertEqual(by_group["VAT 23%"], (232.55, self.vat_23))
        self.assertEqual(by_group["VAT 8%"], (45.0, 3.6))
        self.assertAlmostEqual(invoice.amount_total, 277.55 + self.vat_23 + 3.6)
        # printed as Odoo's invoice, the notice of a flat as a notice
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(
            "msom_billing.report_charge_notice", invoice.ids
        )[0].decode()
        self.assertIn("5260250274", html)
        self.assertNotIn("Notice of monthly charges", html)
        notice = self._invoice(self.unit_1)
        self.assertEqual(notice.move_type, "entry")
        html = report._render_qweb_html(
            "msom_billing.report_charge_notice", notice.ids
        )[0].decode()
        self.assertIn("Notice of monthly charges", html)
        self.assertNotIn("VAT invoice", html)

    def test_resident_who_asks_gets_an_exempt_invoice(self):
        """Art. 106b ust. 3: an invoice on request; the exemption of housing
        (art. 43 ust. 1 pkt 36) and its basis printed (art. 106e ust. 1
        pkt 19)."""
        self.c_maintenance.residential_tax_id = self.tax_exempt
        self.owner.msom_wants_invoice = True
        self._run("2025-03-01").action_post()
        invoice = self._invoice(self.unit_1)
        self.assertEqual(invoice.move_type, "out_invoice")
        lines = {line.msom_component_id: line for line in invoice.invoice_line_ids}
        self.assertEqual(lines[self.c_maintenance].tax_ids, self.tax_exempt)
        self.assertFalse(lines[self.c_repair].tax_ids, "out of scope")
        self.assertEqual(invoice.amount_tax, 0.0)
        self.assertIn("art. 43 ust. 1 pkt 36", invoice.taxes_legal_notes)
        self.assertEqual(
            invoice._msom_exemption_basis(), "art. 43 ust. 1 pkt 36 ustawy o VAT"
        )

    def test_exempt_notice_posts_through_the_orm_with_its_tax_tags(self):
        """An exempt residential charge is in the VAT return (JPK K_10): its
        notice carries the tax and its tags, so it posts through the ORM;
        charges out of scope keep the bulk path."""
        self.c_maintenance.residential_tax_id = self.tax_exempt
        Move = self.env["account.move"]
        calls = []
        original = type(Move)._msom_insert_posted_entries

        def spy(model, vals_list):
            calls.append(len(vals_list))
            return original(model, vals_list)

        with patch.object(type(Move), "_msom_insert_posted_entries", spy):
            self._run("2025-03-01").action_post()
        self.assertFalse(calls, "a run with an exempt charge never posts in SQL")
        notice = self._invoice(self.unit_1)
        line = notice.line_ids.filtered(
            lambda line: line.msom_component_id == self.c_maintenance
        )
        self.assertEqual(line.tax_ids, self.tax_exempt)
        self.assertIn("K_10", line.tax_tag_ids.mapped("name")[0])
        self.c_maintenance.residential_tax_id = False
        with patch.object(type(Move), "_msom_insert_posted_entries", spy):
            self._run("2025-04-01").action_post()
        self.assertEqual(calls, [1], "out of scope: the bulk path")

    def test_turnover_shows_net_vat_and_gross(self):
        self._run("2025-03-01").action_post()
        wizard = self.env["msom.unit.turnover"].create(
            {
                "date_from": "2025-03-01",
                "date_to": "2025-03-31",
                "estate_ids": [(6, 0, self.estate.ids)],
            }
        )
        wizard.action_compute()
        shop = wizard.line_ids.filtered(lambda line: line.unit_id == self.unit_12)
        flat = wizard.line_ids.filtered(lambda line: line.unit_id == self.unit_1)
        self.assertAlmostEqual(shop.charges_vat, self.vat_23 + 3.6)
        self.assertAlmostEqual(shop.charges, 277.55 + self.vat_23 + 3.6)
        self.assertAlmostEqual(shop.charges_net, 277.55)
        self.assertEqual(flat.charges_vat, 0.0)
        self.assertEqual(flat.charges_net, flat.charges)

    def test_run_names_are_in_the_company_language(self):
        """Issue 18: a Polish cooperative's runs and documents are named in
        Polish, whoever posts them."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.company.partner_id.lang = "pl_PL"
        run = self._run("2025-03-01")
        run.with_context(lang="en_US").action_post()
        self.assertEqual(run.name, "Naliczenie 03/2025")
        self.assertEqual(self._invoice(self.unit_1).ref, "Opłaty 03/2025 lok. 1")

    def test_charge_run_queues_invoices_to_businesses_for_ksef(self):
        """The bulk path does not bypass KSeF: a run posts the invoices and
        queues their sending once the company is registered in KSeF."""
        self.env["ir.config_parameter"].sudo().set_param(
            "l10n_pl_edi_ksef.mode", "test"
        )
        self._register_in_ksef()
        with trap_jobs() as trap:
            self._run("2025-03-01").action_post()
            invoice = self._invoice(self.unit_12)
            trap.assert_jobs_count(1)
            trap.assert_jobs_count(1, only=invoice._msom_send_to_ksef)
