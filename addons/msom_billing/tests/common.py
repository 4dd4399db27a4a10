# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io

from openpyxl import load_workbook

from odoo.tools import SQL

from odoo.addons.msom_estate.tests.common import MsomEstateCase
from odoo.addons.queue_job.tests.common import trap_jobs


class MsomBillingMixin:
    """The estate of MsomEstateCase with a chart of accounts in PLN, bank
    settings for individual account numbers and four charge components."""

    @classmethod
    def _setup_billing(cls):
        cls.company = cls.env.company
        cls._setup_accounting(cls.company)
        cls.company.write(
            {"msom_bank_sort_code": "10901014", "msom_bank_client_code": "12345678"}
        )
        Account = cls.env["account.account"]
        cls.account_maintenance = Account.create(
            {"name": "Eksploatacja", "code": "703001", "account_type": "income"}
        )
        cls.account_repair = Account.create(
            {"name": "Fundusz remontowy", "code": "703002", "account_type": "income"}
        )
        Component = cls.env["msom.charge.component"]
        cls.c_maintenance = Component.create(
            {"name": "Eksploatacja", "code": "EKS", "calculation_key": "area",
             "account_id": cls.account_maintenance.id, "sequence": 1}
        )  # fmt: skip
        cls.c_repair = Component.create(
            {"name": "Fundusz remontowy", "code": "FR", "calculation_key": "area",
             "account_id": cls.account_repair.id, "sequence": 2}
        )  # fmt: skip
        cls.c_water = Component.create(
            {"name": "Zimna woda i ścieki", "code": "WODA", "calculation_key": "meter",
             "advance_key": "person", "account_id": cls.account_maintenance.id,
             "sequence": 3}
        )  # fmt: skip
        cls.c_intercom = Component.create(
            {"name": "Domofon", "code": "DOM", "calculation_key": "unit",
             "account_id": cls.account_maintenance.id, "sequence": 4}
        )  # fmt: skip
        Rate = cls.env["msom.charge.rate"]
        Rate.create(
            [
                {"component_id": cls.c_maintenance.id, "date_from": "2025-01-01",
                 "amount": 3.45},
                {"component_id": cls.c_repair.id, "date_from": "2025-01-01",
                 "amount": 2.10},
                {"component_id": cls.c_water.id, "date_from": "2025-01-01",
                 "amount": 45.0},
                {"component_id": cls.c_intercom.id, "date_from": "2025-01-01",
                 "amount": 5.0},
            ]
        )  # fmt: skip
        cls.unit_1.registered_persons = 2
        cls.unit_2.registered_persons = 3
        cls.unit_12.registered_persons = 1
        cls.bank_journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.company.id)], limit=1
        )
        cls.bank_journal.msom_resident_payments = True

    @classmethod
    def _setup_accounting(cls, company):
        pln = cls.env.ref("base.PLN")
        pln.active = True
        if company.chart_template != "pl":
            cls.env["account.chart.template"].try_loading(
                "pl", company=company, install_demo=False
            )
        if company.currency_id != pln:
            company.currency_id = pln

    @classmethod
    def _setup_payers(cls):
        """Jan Nowak (with an e-mail address) owns unit 1, Ewa Wójcik unit 2."""
        cls.owner.email = "jan.nowak@example.com"
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)

    @classmethod
    def _receivables(cls, unit, partner=None):
        """The unit's posted receivable lines (of `partner`), oldest first."""
        domain = [
            ("unit_id", "=", unit.id),
            ("account_id.account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"),
        ]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        return cls.env["account.move.line"].search(domain, order="date, id")

    def _run(self, period, **vals):
        run = self.env["msom.charge.run"].create(
            dict({"period": period, "estate_ids": [(6, 0, self.estate.ids)]}, **vals)
        )
        return run

    def _statement_wizard(
        self, content, filename="wyciag.csv", journal=None, user=None
    ):
        """OCA's statement import wizard, opened from the bank journal."""
        journal = journal or self.bank_journal
        env = self.env(user=user.id, context=user.env.context) if user else self.env
        return (
            env["account.statement.import"]
            .with_context(journal_id=journal.id)
            .create(
                {
                    "statement_file": base64.b64encode(content),
                    "statement_filename": filename,
                }
            )
        )

    def _post_through_jobs(self, run, batches):
        """Post a previewed run through its queue jobs, one per batch."""
        run.state = "running"
        with trap_jobs() as trap:
            run._enqueue_batches()
            trap.assert_jobs_count(batches, only=run._job_post_lines)
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        self.assertEqual(set(run.move_ids.mapped("state")), {"posted"})
        return run.move_ids.sorted("id")

    def _charges(self, unit, period=None):
        domain = [("unit_id", "=", unit.id), ("msom_charge_period", "!=", False)]
        if period:
            domain.append(("msom_charge_period", "=", period))
        return self.env["account.move"].search(domain)

    def _print_turnover_xlsx(self, report):
        """The workbook the turnover wizard's XLSX button prints: the report
        action it returns, rendered by report_xlsx in the wizard's
        environment (its user and language)."""
        action = report.action_export_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        content, kind = report.env["ir.actions.report"]._render_xlsx(
            action["report_name"], action["context"]["active_ids"], action["data"] or {}
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content))

    def _print_turnover_html(self, report):
        """The HTML of the turnover's PDF, in the report's environment."""
        return (
            report.env["ir.actions.report"]
            ._render_qweb_html("msom_billing.report_unit_turnover", report.ids)[0]
            .decode()
        )


class MsomRowsMixin:
    """Compare table rows written by two paths (ORM and bulk SQL), leaving
    out the columns in `volatile_columns` that differ for any two records."""

    volatile_columns = frozenset()

    def _rows(self, table, column, ids):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT * FROM %s WHERE %s = ANY(%s) ORDER BY id",
                SQL.identifier(table),
                SQL.identifier(column),
                ids,
            )
        )
        names = [desc[0] for desc in self.env.cr.description]
        return [
            {
                k: v
                for k, v in zip(names, row, strict=True)
                if k not in self.volatile_columns
            }
            for row in self.env.cr.fetchall()
        ]

    def _assert_same(self, rows, expected):
        self.assertEqual(len(rows), len(expected))
        for row, other in zip(rows, expected, strict=True):
            diff = {k: (v, other[k]) for k, v in row.items() if other[k] != v}
            self.assertFalse(diff, f"columns differ (lean, ORM) in {row}")


class MsomBillingCase(MsomBillingMixin, MsomEstateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_billing()
