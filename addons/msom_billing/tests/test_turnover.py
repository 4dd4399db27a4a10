# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
from datetime import date

import vobject
from openpyxl import load_workbook

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.misc import formatLang

from odoo.addons.msom_estate.tests.common import MsomEstateMixin, load_polish

from .common import MsomBillingCase, MsomBillingMixin


def _pay(env, account, amount, when):
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
    )
    line = env["account.bank.statement.line"].create(
        {
            "journal_id": journal.id,
            "date": when,
            "amount": amount,
            "account_number": account.number,
            "payment_ref": "opłaty",
            "msom_match_state": "todo",
        }
    )
    line.action_msom_match()
    return line


@tagged("post_install", "-at_install")
class TestTurnover(MsomBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)
        for month in ("2025-01-01", "2025-02-01", "2025-03-01"):
            cls.env["msom.charge.run"].create(
                {"period": month, "estate_ids": [(6, 0, cls.estate.ids)]}
            ).action_post()
        cls.account_1 = cls.env["msom.virtual.account"]._get_or_create(
            cls.owner, cls.unit_1
        )
        _pay(cls.env, cls.account_1, 364.18, "2025-01-08")
        _pay(cls.env, cls.account_1, 100.00, "2025-02-20")

    def test_payments_split_per_component(self):
        january = self.unit_1._msom_turnover("2025-01-01", "2025-01-31")[self.unit_1.id]
        # the January notice was paid in full: every component in full
        self.assertEqual(january["paid"], january["components"])
        self.assertEqual(january["paid"][self.c_maintenance.id], 167.33)
        spring = self.unit_1._msom_turnover("2025-02-01", "2025-03-31")[self.unit_1.id]
        # 100 zł went to February (the oldest open notice), pro rata
        paid = spring["paid"]
        self.assertEqual(paid[self.c_maintenance.id], 45.95)  # 100 × 167.33/364.18
        self.assertEqual(paid[self.c_repair.id], 27.97)
        self.assertEqual(paid[self.c_water.id], 24.71)
        self.assertEqual(paid[self.c_intercom.id], 1.37)
        self.assertAlmostEqual(sum(paid.values()), spring["payments"], places=2)
        self.assertEqual(
            self.unit_2._msom_turnover("2025-01-01", "2025-03-31")[self.unit_2.id][
                "paid"
            ],
            {},
        )

    def test_turnover_and_balance(self):
        data = (self.unit_1 | self.unit_2)._msom_turnover(
            "2025-02-01", "2025-03-31", overdue_on="2025-03-31"
        )
        one = data[self.unit_1.id]
        self.assertAlmostEqual(one["opening"], 0.0, places=2)  # January paid
        self.assertAlmostEqual(one["charges"], 2 * 364.18, places=2)
        self.assertAlmostEqual(one["payments"], 100.0, places=2)
        self.assertAlmostEqual(one["closing"], 2 * 364.18 - 100, places=2)
        # February and March are due by 31 March; 100 zł paid toward them
        self.assertAlmostEqual(one["overdue"], 2 * 364.18 - 100, places=2)
        self.assertAlmostEqual(
            one["components"][self.c_maintenance.id], 2 * 167.33, places=2
        )
        self.assertAlmostEqual(one["components"][self.c_water.id], 180.0, places=2)
        # mid-March: March not yet due
        early = self.unit_1._msom_turnover(
            "2025-03-01", "2025-03-31", overdue_on="2025-03-05"
        )[self.unit_1.id]
        self.assertAlmostEqual(early["overdue"], 364.18 - 100, places=2)
        self.assertAlmostEqual(early["opening"], 364.18 - 100, places=2)
        two = data[self.unit_2.id]
        self.assertGreater(two["opening"], 0)
        self.assertEqual(two["payments"], 0.0)

    def test_backend_report_and_xlsx(self):
        report = self.env["msom.unit.turnover"].create(
            {"date_from": "2025-01-01", "date_to": "2025-03-31",
             "estate_ids": [(6, 0, self.estate.ids)]}
        )  # fmt: skip
        action = report.action_compute()
        lines = self.env["msom.unit.turnover.line"].search(action["domain"])
        self.assertEqual(len(lines), 3)
        line_1 = lines.filtered(lambda line: line.unit_id == self.unit_1)
        self.assertAlmostEqual(line_1.charges, 3 * 364.18, places=2)
        self.assertAlmostEqual(line_1.payments, 464.18, places=2)
        sheet = self._print_turnover_xlsx(report).active
        self.assertEqual(sheet.max_row, 5, "header, three units, total")
        # amounts are numbers in the currency's format
        self.assertEqual(sheet["C2"].number_format, "#,##0.00 zł")
        self.assertIsInstance(sheet["C2"].value, float)
        html = self._print_turnover_html(report)
        self.assertIn(formatLang(self.env, 1092.54), html)

    def test_report_in_the_currency_of_its_company(self):
        """A turnover of a company that keeps its books in euros covers that
        company's units and prints euros, in the XLSX and the PDF, whichever
        company the user is working in."""
        eur = self.env.ref("base.EUR")
        eur.active = True
        company = self.env["res.company"].create(
            {"name": "Wspólnota Euro", "currency_id": eur.id}
        )
        building = self.Location.create(
            {"name": "ul. Euro 1", "location_level": "building",
             "parent_id": self._create_estate("Os. Euro", company).id}
        )  # fmt: skip
        unit = self._create_unit(building, "1")
        report = self.env["msom.unit.turnover"].create(
            {"company_id": company.id, "date_from": "2025-01-01",
             "date_to": "2025-03-31"}
        )  # fmt: skip
        self.assertNotEqual(self.env.company, company)
        report.action_compute()
        self.assertEqual(report.line_ids.unit_id, unit)
        sheet = self._print_turnover_xlsx(report).active
        euros = self.env[
            "report.msom_billing.report_unit_turnover_xlsx"
        ]._report_xlsx_currency_format(eur)
        self.assertIn("€", euros)
        self.assertEqual(sheet["B2"].number_format, euros)
        self.assertEqual(sheet["B3"].number_format, euros, "the total row")
        html = self._print_turnover_html(report)
        self.assertIn("€", html)
        self.assertNotIn("zł", html)

    def test_report_per_component(self):
        """Charges and payments per component in the list and pivot, the
        XLSX and the PDF: January paid in full, 100 zł of February pro rata."""
        report = self.env["msom.unit.turnover"].create(
            {"date_from": "2025-01-01", "date_to": "2025-03-31",
             "estate_ids": [(6, 0, self.estate.ids)]}
        )  # fmt: skip
        report.action_compute()
        expected = {
            # component: (3 months charged, January + 100 zł × share paid)
            self.c_maintenance: (501.99, 213.28),
            self.c_repair: (305.55, 129.82),
            self.c_water: (270.0, 114.71),
            self.c_intercom: (15.0, 6.37),
        }
        line_1 = report.line_ids.filtered(lambda line: line.unit_id == self.unit_1)
        self.assertEqual(
            {
                item.component_id: (round(item.charges, 2), round(item.payments, 2))
                for item in line_1.component_ids
            },
            expected,
        )
        self.assertEqual(
            line_1.component_ids.component_id.ids,
            [c.id for c in (self.c_maintenance, self.c_repair, self.c_water,
                            self.c_intercom)],
            "in the order of the components",
        )  # fmt: skip
        self.assertAlmostEqual(
            sum(line_1.component_ids.mapped("payments")), line_1.payments, places=2
        )
        # every unit as _msom_turnover computes it
        data = report.line_ids.unit_id._msom_turnover("2025-01-01", "2025-03-31")
        for line in report.line_ids:
            unit_data = data[line.unit_id.id]
            for item in line.component_ids:
                self.assertEqual(
                    item.charges, unit_data["components"][item.component_id.id]
                )
                self.assertEqual(
                    item.payments, unit_data["paid"].get(item.component_id.id, 0.0)
                )
        neighbour = report.line_ids.filtered(lambda line: line.unit_id == self.unit_2)
        self.assertTrue(neighbour.component_ids)
        self.assertFalse(any(neighbour.component_ids.mapped("payments")))
        # list and pivot: the whole report, or the selected unit lines
        Item = self.env["msom.unit.turnover.component"]
        action = (
            report.line_ids.browse()
            .with_context(msom_report_id=report.id)
            .action_show_components()
        )
        self.assertEqual(action["res_model"], "msom.unit.turnover.component")
        self.assertIn("pivot", action["view_mode"])
        self.assertEqual(Item.search(action["domain"]), report.component_line_ids)
        action = line_1.action_show_components()
        self.assertEqual(Item.search(action["domain"]), line_1.component_ids)
        groups = Item._read_group(
            action["domain"], ["component_id"], ["charges:sum", "payments:sum"]
        )
        self.assertEqual(
            {c: (round(ch, 2), round(p, 2)) for c, ch, p in groups}, expected
        )
        totals = {c: (ch, p) for c, ch, p in report._component_totals()}
        self.assertAlmostEqual(
            totals[self.c_maintenance][1], 213.28, places=2, msg="only unit 1 paid"
        )
        # XLSX: two columns per component, the unit's amounts, a total row
        sheet = self._print_turnover_xlsx(report).active
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        self.assertEqual(len(header), 6 + 2 * 4)
        self.assertEqual(
            header[6:8], ("Eksploatacja: charges", "Eksploatacja: payments")
        )
        self.assertEqual(header[12:], ("Domofon: charges", "Domofon: payments"))
        row_1 = next(row for row in rows if row[0] == self.unit_1.complete_name)
        self.assertEqual(
            [round(value, 2) for value in row_1[6:]],
            [501.99, 213.28, 305.55, 129.82, 270.0, 114.71, 15.0, 6.37],
        )
        total = rows[-1]
        self.assertEqual(total[0], "Total")
        self.assertAlmostEqual(total[2], sum(report.line_ids.mapped("charges")), 2)
        self.assertAlmostEqual(total[7], totals[self.c_maintenance][1], places=2)
        self.assertAlmostEqual(
            total[6] + total[8] + total[10] + total[12],
            sum(report.component_line_ids.mapped("charges")),
            places=2,
        )
        # PDF (its HTML): a row per component under each unit, and totals
        html = self._print_turnover_html(report)
        for text in ("Charges and payments by component", "Eksploatacja",
                     "Fundusz remontowy", "Zimna woda i ścieki", "Domofon",
                     "501.99", "213.28", "129.82", "114.71", "6.37",
                     formatLang(self.env, totals[self.c_maintenance][0])):  # fmt: skip
            self.assertIn(text, html)
        charged = report.component_line_ids.filtered(
            lambda item: item.component_id == self.c_maintenance
        )
        self.assertEqual(html.count(">Eksploatacja<"), len(charged) + 1)

    def test_charge_notice_html(self):
        move = self.env["account.move"].search(
            [
                ("unit_id", "=", self.unit_1.id),
                ("msom_charge_period", "=", "2025-03-01"),
            ]
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("msom_billing.report_charge_notice", move.ids)[0]
            .decode()
        )
        for text in (
            "Eksploatacja",
            "Fundusz remontowy",
            "trzysta sześćdziesiąt cztery złote 18/100",
            self.account_1.display_number,
            "03/2025",
            "data:image/png;base64,",
        ):
            self.assertIn(text, html)

    def test_payment_calendar(self):
        entries = self.unit_1._msom_payment_calendar(partner=self.owner)
        self.assertEqual(
            [e["date"] for e in entries], [date(2025, 2, 10), date(2025, 3, 10)]
        )
        self.assertAlmostEqual(entries[0]["amount"], 264.18, places=2)


@tagged("post_install", "-at_install")
class TestBillingHttp(MsomBillingMixin, MsomEstateMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_registry()
        cls._setup_billing()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)
        cls.env["msom.charge.run"].create(
            {"period": "2025-03-01", "estate_ids": [(6, 0, cls.estate.ids)]}
        ).action_post()

    def test_turnover_xlsx_route_prints_for_its_author_only(self):
        """report_xlsx's /report/xlsx/<report>/<ids> prints any id it is
        given: the author gets the file; an accountant of another company, a
        colleague and a resident of the unit get a refusal."""
        accountant = new_test_user(
            self.env, login="ksiegowa_xlsx", groups="msom_estate.group_msom_accountant"
        )
        other_company = self.env["res.company"].create({"name": "Wspólnota Obca"})
        strangers = {
            "accountant of another company": new_test_user(
                self.env,
                login="ksiegowa_obca",
                groups="msom_estate.group_msom_accountant",
                company_id=other_company.id,
                company_ids=[(6, 0, other_company.ids)],
            ),
            "colleague": new_test_user(
                self.env, login="ksiegowa_druga",
                groups="msom_estate.group_msom_accountant",
            ),
            "resident of the unit": self._resident_user(self.owner, "jan_xlsx"),
        }  # fmt: skip
        report = (
            self.env["msom.unit.turnover"]
            .with_user(accountant)
            .create({"date_from": "2025-01-01", "date_to": "2025-03-31"})
        )
        action = report.action_export_xlsx()
        url = f"/report/xlsx/{action['report_name']}/{report.id}"
        self.authenticate(accountant.login, accountant.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertIn(self.unit_1.complete_name, [cell.value for cell in sheet["A"]])
        for who, user in strangers.items():
            with self.subTest(who=who):
                self.authenticate(user.login, user.login)
                response = self.url_open(url)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(self.unit_1.complete_name, response.text)

    def test_ical_feed_by_token(self):
        # in the resident's language, whoever fetches the feed
        load_polish(self.env, ["msom_billing"])
        self.owner.lang = "pl_PL"
        url = self.owner._msom_get_calendar_url()
        path = url[url.index("/msom/") :]
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/calendar", response.headers["Content-Type"])
        body = response.text
        self.assertIn("DTSTART;VALUE=DATE:20250310", body)
        self.assertIn("364\\,18", body)  # a comma escaped, as RFC 5545 asks
        calendar = vobject.readOne(body)
        self.assertEqual(calendar.prodid.value, "-//mSOM//Billing//PL")
        events = calendar.vevent_list
        self.assertEqual(len(events), 1, "only the owner's own unit")
        self.assertEqual(events[0].dtstart.value, date(2025, 3, 10))
        self.assertEqual(events[0].dtend.value, date(2025, 3, 11))
        self.assertIn("Opłata 364,18\N{NO-BREAK SPACE}zł", events[0].summary.value)
        self.assertIn(self.unit_1.name, events[0].summary.value)
        self.assertEqual(
            self.url_open(
                "/msom/billing/calendar/x" * 1 + "nope-nope-nope-nope.ics"
            ).status_code,
            404,
        )

    def test_charge_notice_pdf(self):
        move = self.env["account.move"].search([("unit_id", "=", self.unit_1.id)])
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("msom_billing.report_charge_notice", move.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertIn(b"/Image", pdf)
