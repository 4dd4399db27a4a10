# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models

from odoo.addons.msom_estate.tools import demo_env, demo_generated_before

_logger = logging.getLogger(__name__)

# code, name, key, advance key, income account suffix, monthly rate, VAT of
# commercial units in the Polish chart (23 %: services; 8 %: water supply,
# sewage and waste collection, art. 41 ust. 2 with annex 3 to the VAT act)
DEMO_COMPONENTS = [
    ("EKS", "Eksploatacja", "area", None, "01", 3.45, "vs_kraj_usl_23"),
    ("FR", "Fundusz remontowy", "area", None, "02", 2.10, "vs_kraj_usl_23"),
    ("CO", "Centralne ogrzewanie (zaliczka)", "area", None, "03", 4.20,
     "vs_kraj_usl_23"),
    ("WODA", "Zimna woda i ścieki (zaliczka)", "meter", "person", "04", 48.00,
     "vs_kraj_8"),
    ("CW", "Podgrzanie wody (zaliczka)", "meter", "person", "05", 32.00,
     "vs_kraj_usl_23"),
    ("SMIECI", "Wywóz śmieci", "person", None, "06", 36.00, "vs_kraj_8"),
    ("DOM", "Domofon", "unit", None, "07", 6.50, "vs_kraj_usl_23"),
    ("WINDA", "Dźwig osobowy", "person", None, "08", 7.80, "vs_kraj_usl_23"),
]  # fmt: skip


class MsomBillingDemo(models.AbstractModel):
    """A year of charges and payments for the demo cooperative."""

    _name = "msom.billing.demo"
    _description = "Billing Demo Data"

    @api.model
    def _generate_demo(self, months=12, seed=2026):
        if demo_generated_before(self.env, "msom_billing"):
            return
        self = self.with_env(demo_env(self.env, "msom_billing"))  # noqa: PLW0642
        env = self.env
        today = date.today()
        first = today.replace(day=1) - relativedelta(months=months - 1)
        self._setup_billing(env.company, first)
        # the demo resident's building (48 units with shops and garages): a
        # year of it keeps the install short
        home = env.ref("msom_estate.partner_demo_resident")._msom_paying_units()
        buildings = home.building_id[:1] or env["fsm.location"].search(
            [("location_level", "=", "building")], limit=1
        )
        rng = random.Random(seed)
        units = env["fsm.location"].search(
            [("location_level", "=", "unit"), ("building_id", "in", buildings.ids)]
        )
        debtors = {unit.id for unit in units if rng.random() < 0.15}
        debtors -= set(home.ids)
        for index in range(months):
            period = first + relativedelta(months=index)
            run = env["msom.charge.run"].create(
                {"period": period, "batch_size": 500, "building_ids": buildings.ids}
            )
            run.action_preview()
            run.state = "running"
            run._process(commit=False)
            if period.replace(day=10) < today:
                self._demo_payments(run, debtors, rng)
            _logger.info("Billing demo: %s posted and paid", run.name)

    @api.model
    def _setup_billing(self, company, first):
        """Chart of accounts in PLN, bank codes, 8 components and their rates
        from `first` (also used by the benchmarks)."""
        env = self.env
        pln = env.ref("base.PLN")
        pln.active = True
        template = env["account.chart.template"]._guess_chart_template(
            company.country_id
        )
        # a Polish cooperative keeps the Polish chart, whatever `account`
        # installed before the company's country was known
        if company.chart_template != template and (
            not company.chart_template or template == "pl"
        ):
            if company.root_id._existing_accounting():
                self._remove_foreign_demo_entries(company)
            env["account.chart.template"].try_loading(
                template, company=company, install_demo=False
            )
        if company.currency_id != pln:
            if company.root_id._existing_accounting():
                self._remove_foreign_demo_entries(company)
            company.currency_id = pln
        company.write(
            {
                "msom_bank_sort_code": "10901014",
                "msom_bank_client_code": "12345678",
            }
        )
        env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        ).msom_resident_payments = True
        components = self._demo_components(company)
        for component, rate in components:
            env["msom.charge.rate"].create(
                {"component_id": component.id, "date_from": first, "amount": rate}
            )
        # a lift only where there is one: free for low buildings
        low = env["fsm.location"].search(
            [("location_level", "=", "building"), ("lift_count", "=", 0)]
        )
        lift = components[-1][0]
        env["msom.charge.rate"].create(
            [
                {"component_id": lift.id, "date_from": first, "amount": 0.0,
                 "building_id": building.id}
                for building in low
            ]
        )  # fmt: skip
        return components

    @api.model
    def _remove_foreign_demo_entries(self, company):
        """The cooperative keeps its books in PLN: Odoo's generic demo
        invoices and payments (in the chart's currency) make way for it."""
        env = self.env
        _logger.info("Billing demo: removing the generic demo entries")
        payments = env["account.payment"].search([("company_id", "=", company.id)])
        payments.filtered(lambda p: p.state != "draft").action_draft()
        payments.unlink()
        env["account.bank.statement"].search([("company_id", "=", company.id)]).unlink()
        env["account.bank.statement.line"].search(
            [("company_id", "=", company.id)]
        ).unlink()
        moves = env["account.move"].search([("company_id", "=", company.id)])
        moves.filtered(lambda m: m.state != "draft").button_draft()
        moves.with_context(force_delete=True).unlink()

    @api.model
    def _demo_components(self, company):
        """The components, each on its income account: in the Polish chart
        sub-accounts of 70.000.300 (sale of services in the country), taxed
        for commercial units; residential charges out of the scope of VAT."""
        Account = self.env["account.account"]
        ChartTemplate = self.env["account.chart.template"].with_company(company)
        polish = company.chart_template == "pl"
        result = []
        for sequence, (code, name, key, advance, suffix, rate, tax) in enumerate(
            DEMO_COMPONENTS, start=1
        ):
            account_code = ("70.000.3" if polish else "7600") + suffix
            account = Account.search(
                [("code", "=", account_code), ("company_ids", "in", company.ids)],
                limit=1,
            ) or Account.with_company(company).create(
                {"name": name, "code": account_code, "account_type": "income"}
            )
            taxes = ChartTemplate.ref(tax, raise_if_not_found=False) if polish else None
            component = self.env["msom.charge.component"].create(
                {
                    "name": name,
                    "code": code,
                    "sequence": sequence,
                    "calculation_key": key,
                    "advance_key": advance or "person",
                    "account_id": account.id,
                    "tax_ids": [(6, 0, taxes.ids if taxes else [])],
                    "company_id": company.id,
                }
            )
            result.append((component, rate))
        return result

    @api.model
    def _demo_payments(self, run, debtors, rng):
        """Most payers pay on time; debtors skip months or pay part."""
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", run.company_id.id)], limit=1
        )
        vals_list = []
        for move in run.move_ids:
            amount = move._msom_amount_total()
            account = move.msom_virtual_account_id
            if not account or amount <= 0:
                continue
            if move.unit_id.id in debtors:
                if rng.random() < 0.6:
                    continue
                amount = round(amount * rng.choice([0.3, 0.5]), 2)
            elif rng.random() < 0.05:
                amount = round(amount + rng.choice([50, 100, 200]), 2)
            when = run.period + timedelta(days=rng.randint(1, 14))
            vals_list.append(
                {
                    "journal_id": journal.id,
                    "date": when,
                    "amount": amount,
                    "account_number": account.number,
                    "partner_name": move.partner_id.name,
                    "payment_ref": move.ref,
                    "msom_match_state": "todo",
                }
            )
        # a payment with a mistyped account number waits for the accountant
        if vals_list:
            wrong = dict(vals_list[0])
            wrong.update(
                account_number="46109010141234567899999999",
                payment_ref="opłata za lokal",
                amount=250.0,
            )
            vals_list.append(wrong)
        self.env["account.bank.statement.line"]._msom_create_matched(vals_list)
