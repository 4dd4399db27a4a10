# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import format_amount

from .common import MsomCollectionCase


@tagged("post_install", "-at_install")
class TestCollection(MsomCollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_payers()
        cls.levels = cls.env["msom.dunning.level"].search(
            [("company_id", "=", cls.company.id)]
        )
        cls._charge(cls.unit_1, cls.owner, 400.0, "2025-03-10")
        cls._charge(cls.unit_2, cls.neighbour, 250.0, "2025-03-10")

    def _demand_run(self, day):
        run = self.env["msom.payment.demand.run"].create({"date": day})
        run.action_generate()
        return run

    def test_stages_reminder_demand_final(self):
        self.assertEqual(self.levels.mapped("kind"), ["reminder", "demand", "final"])
        # waiting days of the first stage not yet over
        self.assertFalse(self._demand_run("2025-03-20").demand_ids)
        first = self._demand_run("2025-03-25").demand_ids
        self.assertEqual(len(first), 2)
        reminder = first.filtered(lambda d: d.unit_id == self.unit_1)
        self.assertEqual(reminder.kind, "reminder")
        self.assertAlmostEqual(reminder.amount_principal, 400.0)
        self.assertGreater(reminder.amount_interest, 0)
        self.assertEqual(str(reminder.date_deadline), "2025-04-08")
        case = reminder.case_id
        self.assertEqual(case.stage, "reminder")
        # too early for the next stage (21 waiting days)
        self.assertFalse(self._demand_run("2025-04-10").demand_ids)
        second = self._demand_run("2025-04-16").demand_ids
        self.assertEqual(set(second.mapped("kind")), {"demand"})
        # the neighbour pays in part: 150 left is below the final threshold
        self._pay(self.unit_2, self.neighbour, 100.0, "2025-04-20")
        third = self._demand_run("2025-05-08").demand_ids
        self.assertEqual(third.unit_id, self.unit_1)
        self.assertEqual(third.kind, "final")
        self.assertEqual(case.stage, "final_demand")
        self.assertEqual(
            case.event_ids.sorted("id").mapped("stage"),
            ["reminder", "demand", "final_demand"],
        )
        self.assertEqual(len(case.demand_ids), 3)
        # after the final demand no further letter, the court is next
        self.assertFalse(self._demand_run("2025-06-30").demand_ids)
        # a debt that is paid and a new one starts again at the reminder
        self._pay(self.unit_1, self.owner, 400.0, "2025-07-01")
        self._charge(self.unit_1, self.owner, 300.0, "2025-08-11")
        new = self._demand_run("2025-09-01").demand_ids
        self.assertEqual(new.unit_id, self.unit_1)
        self.assertEqual(new.kind, "reminder")

    def test_days_late_from_the_moved_due_date(self):
        """Art. 115 KC: a charge due on Saturday 10 May 2025 is due on Monday
        12 May, so the demand counts the same days as the interest: from
        13 May, 28 days on 9 June."""
        self._charge(self.unit_1, self.owner, 100.0, "2025-05-10")
        on_monday = self.unit_1._msom_overdue_items("2025-05-12")
        self.assertEqual(
            [item["due_date"] for item in on_monday[(self.unit_1.id, self.owner.id)]],
            [fields.Date.to_date("2025-03-10")],
        )
        demand = self._demand_run("2025-06-09").demand_ids.filtered(
            lambda d: d.unit_id == self.unit_1
        )
        days = {str(line.due_date): line.days for line in demand.line_ids}
        self.assertEqual(days, {"2025-03-10": 91, "2025-05-10": 28})
        may = demand.line_ids.filtered(lambda line: line.days == 28)
        # 100 zł × 10.75 % (from 8 May 2025) × 28 / 365 = 0.82 zł
        self.assertAlmostEqual(may.interest, 0.82)

    def test_delivery_by_consent_and_print_list(self):
        self.owner.msom_grant_consent("einvoice", "office")
        run = self._demand_run("2025-03-25")
        by_unit = {d.unit_id: d for d in run.demand_ids}
        self.assertEqual(by_unit[self.unit_1].delivery, "email")
        self.assertEqual(by_unit[self.unit_2].delivery, "post")
        run.action_send()
        self.assertEqual(set(run.demand_ids.mapped("state")), {"sent"})
        message = by_unit[self.unit_1].message_ids.filtered("attachment_ids")
        self.assertTrue(message)
        self.assertIn(self.owner, message.partner_ids)
        self.assertEqual(run._post_demands(), by_unit[self.unit_2])
        action = run.with_context(discard_logo_check=True).action_print_post()
        self.assertEqual(action["type"], "ir.actions.report")
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "msom_collection.action_report_demand_post_list", by_unit[self.unit_2].ids
        )
        self.assertIn("Ewa Wójcik", html.decode())
        self.assertNotIn("Jan Nowak", html.decode())
        letter, _type = self.env["ir.actions.report"]._render_qweb_html(
            "msom_collection.action_report_payment_demand", by_unit[self.unit_2].ids
        )
        self.assertIn("dwieście pięćdziesiąt złotych 00/100", letter.decode())
        # withdrawn consent: the next letter goes by post again
        self.owner.msom_withdraw_consent("einvoice", "portal")
        self.assertFalse(self.owner._msom_has_consent("einvoice"))

    def test_demand_email_in_the_recipients_language(self):
        """The e-mail writes the amount and the deadline as the recipient's
        language does, with the currency ("250,00 zł", never "250.00"): here
        a Polish reader of the template's English text."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env.ref(
            "msom_collection.mail_template_payment_demand"
        ).update_field_translations("body_html", {"pl_PL": False})
        self.owner.lang = "pl_PL"
        self.owner.msom_grant_consent("einvoice", "office")
        run = self._demand_run("2025-03-25")
        demand = run.demand_ids.filtered(lambda d: d.unit_id == self.unit_1)
        run.action_send()
        message = demand.message_ids.filtered("attachment_ids")
        body = str(message.body).replace("&nbsp;", "\N{NO-BREAK SPACE}")
        polish = self.env(context=dict(self.env.context, lang="pl_PL"))
        currency = self.company.currency_id
        amount = format_amount(polish, demand.amount_principal, currency)
        self.assertIn(f"of {amount} are overdue", body)
        self.assertIn(f"by {demand.date_deadline:%d.%m.%Y}.", body)
        self.assertNotIn("%.2f" % demand.amount_principal, body)

    def test_court_enforcement_and_instalments(self):
        case = self.env["msom.collection.case"]._get_open_case(
            self.unit_1.id, self.owner.id, self.company
        )
        court = self.env["msom.court.case"].create(
            {"case_id": case.id, "claim_amount": 1200.0, "filed_date": "2025-06-01"}
        )
        self.assertEqual(court.court_fee, 100.0)
        self.assertEqual(case.stage, "court")
        court.write({"order_date": "2025-07-01", "order_served_date": "2025-07-05"})
        self.assertEqual(case.stage, "payment_order")
        self.assertEqual(str(court.objection_deadline), "2025-07-19")
        with self.assertRefused(ValidationError, "cannot come before"):
            court.objection_date = "2025-06-15"
        with self.assertRefused(ValidationError, "Enforcement needs an enforcement"):
            self.env["msom.enforcement"].create(
                {"case_id": case.id, "bailiff": "Komornik X", "court_case_id": court.id}
            )
        court.clause_date = "2025-08-01"
        self.assertEqual(case.stage, "enforcement_clause")
        self.env["msom.enforcement"].create(
            {"case_id": case.id, "bailiff": "Komornik Sądowy Anna Lis",
             "reference": "Km 123/25", "court_case_id": court.id,
             "start_date": "2025-08-20"}
        )  # fmt: skip
        self.assertEqual(case.stage, "enforcement")
        agreement = self.env["msom.installment.agreement"].create(
            {"case_id": case.id, "total_amount": 1000.0, "installment_count": 3,
             "first_due_date": "2025-09-10", "date": "2025-09-01", "max_missed": 1}
        )  # fmt: skip
        agreement.action_activate()
        self.assertEqual(agreement.line_ids.mapped("amount"), [333.33, 333.33, 333.34])
        self.assertEqual(case.stage, "installments")
        # nothing paid: one missed instalment is allowed, two break it
        agreement._check_schedule(on_date=agreement.line_ids[0].due_date)
        self.assertEqual(agreement.state, "active")
        agreement._check_schedule(on_date=agreement.line_ids[1].due_date)
        self.assertEqual(agreement.state, "active")
        agreement._check_schedule(
            on_date=agreement.line_ids[1].due_date.replace(day=11)
        )
        self.assertEqual(agreement.state, "broken")
        self.assertEqual(agreement.missed_count, 3)  # all three overdue today
        # a closed file cannot be moved on
        case.action_close()
        self.assertEqual(case.stage, "closed")
        with self.assertRefused(UserError, "closed|zamknięt"):
            case._set_stage("court", "2025-12-01", "x")

    def test_instalments_paid_by_bank_payments(self):
        """Bank payments matched to the unit pay the instalments oldest
        first; a short payment leaves one partly paid (and missed once its
        due date passes); payments before signing or for current charges do
        not count; the last instalment paid closes the agreement."""
        today = fields.Date.today()
        signed = today - relativedelta(months=2)
        self._pay(self.unit_1, self.owner, 100.0, signed - timedelta(days=5))
        self._charge(self.unit_1, self.owner, 800.0, signed - timedelta(days=30))
        self._charge(self.unit_1, self.owner, 200.0, signed + timedelta(days=3))
        case = self.env["msom.collection.case"]._get_open_case(
            self.unit_1.id, self.owner.id, self.company
        )
        agreement = self.env["msom.installment.agreement"].create(
            {"case_id": case.id, "total_amount": 1100.0, "installment_count": 4,
             "first_due_date": signed + timedelta(days=5), "date": signed,
             "max_missed": 1}
        )  # fmt: skip
        agreement.action_activate()
        lines = agreement.line_ids
        self.assertEqual(lines.mapped("amount"), [275.0] * 4)
        self.assertEqual(lines.mapped("state"), ["missed", "missed", "open", "open"])
        account = self.env["msom.virtual.account"]._get_or_create(
            self.owner, self.unit_1
        )

        def bank_payment(amount, day):
            self.env["account.bank.statement.line"]._msom_create_matched(
                [{"journal_id": self.bank_journal.id, "date": day,
                  "amount": amount, "account_number": account.number,
                  "partner_name": "Jan Nowak", "payment_ref": "Rata"}]
            )  # fmt: skip
            agreement.invalidate_recordset()
            lines.invalidate_recordset()

        bank_payment(275.0, lines[0].due_date - timedelta(days=1))
        bank_payment(100.0, lines[1].due_date + timedelta(days=2))
        self.assertEqual(lines.mapped("paid_amount"), [275.0, 100.0, 0.0, 0.0])
        self.assertEqual(lines[0].paid_date, lines[0].due_date - timedelta(days=1))
        self.assertEqual(lines.mapped("state"), ["paid", "missed", "open", "open"])
        self.assertEqual(agreement.missed_count, 1)
        self.assertEqual(agreement.state, "active")
        # before its due date a short payment leaves the instalment partly paid
        agreement._check_schedule(on_date=lines[1].due_date)
        self.assertEqual(lines[1]._state_on(lines[1].due_date), "partial")
        self.assertEqual(agreement.state, "active")
        bank_payment(450.0, today)
        self.assertEqual(lines.mapped("paid_amount"), [275.0, 275.0, 275.0, 0.0])
        self.assertEqual(lines[1].paid_date, today)
        self.assertEqual(agreement.missed_count, 0)
        # the last one; the 200 zł beyond it pay the charge due after signing
        bank_payment(475.0, today)
        self.assertEqual(lines.mapped("state"), ["paid"] * 4)
        self.assertEqual(agreement.state, "done")
        current = self._receivables(self.unit_1, self.owner).filtered(
            lambda line: line.balance == 200.0
        )
        self.assertTrue(current.reconciled)

    def test_resident_sees_own_file_only(self):
        case_1 = self.env["msom.collection.case"]._get_open_case(
            self.unit_1.id, self.owner.id, self.company
        )
        case_2 = self.env["msom.collection.case"]._get_open_case(
            self.unit_2.id, self.neighbour.id, self.company
        )
        self.env["msom.court.case"].create(
            {"case_id": case_2.id, "claim_amount": 250.0, "filed_date": "2025-06-01"}
        )
        user = self._resident_user(self.owner, "jan.nowak.col")
        Case = self.env["msom.collection.case"].with_user(user)
        self.assertEqual(Case.search([]), case_1)
        with self.assertRefused(AccessError, "not allowed|access"):
            case_2.with_user(user).read(["stage"])
        self.assertFalse(self.env["msom.court.case"].with_user(user).search([]))
        with self.assertRefused(AccessError, "not allowed|access"):
            case_1.with_user(user).write({"stage": "closed"})
        operator = new_test_user(
            self.env, login="op_col", groups="msom_estate.group_msom_operator"
        )
        with self.assertRefused(AccessError, "not allowed|access"):
            case_1.with_user(operator).write({"stage": "closed"})
