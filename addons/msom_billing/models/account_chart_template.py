# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import copy

from odoo import models

from odoo.addons.account.models.chart_template import template

# The exemption of residential charges and its legal basis (printed on the
# invoices and notices that carry it, and sent as P_19A to KSeF).
HOUSING_EXEMPTION_BASIS = "art. 43 ust. 1 pkt 36 ustawy o VAT"


class AccountChartTemplate(models.AbstractModel):
    """The journals, accounts and taxes of billing, loaded with the company's
    chart of accounts (any chart: journals; the Polish chart: its accounts
    and the housing exemption)."""

    _inherit = "account.chart.template"

    @template(model="account.journal")
    def _get_msom_billing_account_journal(self, template_code):
        return {
            "msom_charge_notices": {
                "name": self.env._("Charge Notices"),
                "code": "NAL",
                "type": "general",
                "show_on_dashboard": False,
            },
            "msom_interest_notes": {
                "name": self.env._("Interest Notes"),
                "code": "NOD",
                "type": "general",
                "show_on_dashboard": False,
            },
        }

    @template(model="res.company")
    def _get_msom_billing_res_company(self, template_code):
        vals = {
            "msom_charge_journal_id": "msom_charge_notices",
            "msom_interest_journal_id": "msom_interest_notes",
        }
        if template_code == "pl":
            # other charts: the company's default income account until the
            # accountant picks better ones in the billing settings
            vals.update(
                msom_interest_account_id="chart75000300",
                msom_compensation_account_id="chart76000900",
            )
        return {self.env.company.id: vals}

    @template("pl", "account.tax")
    def _get_msom_billing_pl_account_tax(self):
        """The VAT exemption of residential charges: Odoo's domestic
        exemption (tag K_10 of the JPK) with its legal basis."""
        exempt = copy.deepcopy(
            self._parse_csv("pl", "account.tax", module="l10n_pl")["vs_kraj_zw"]
        )
        exempt.pop("original_tax_ids", None)
        exempt.update(
            {
                "name": "zw (art. 43.1.36)",
                "description": "zw",
                "invoice_label": "zw",
                "invoice_legal_notes": HOUSING_EXEMPTION_BASIS,
            }
        )
        for key in [key for key in exempt if key.startswith("name@")]:
            del exempt[key]
        data = {"msom_vat_exempt_housing": exempt}
        self._deref_account_tags("pl", data)
        return data

    def _msom_load_billing_data(self, company):
        """Load billing's part of the chart on a company that has its chart
        already (install of msom_billing on a running database)."""
        ChartTemplate = self.with_company(company)
        code = company.chart_template
        company_vals = ChartTemplate._get_msom_billing_res_company(code)[company.id]
        data = {
            "account.journal": ChartTemplate._get_msom_billing_account_journal(code),
            # what the accountant set already stays
            "res.company": {
                company.id: {
                    name: value
                    for name, value in company_vals.items()
                    if not company[name]
                }
            },
        }
        if code == "pl" and not ChartTemplate.ref(
            "msom_vat_exempt_housing", raise_if_not_found=False
        ):
            data["account.tax"] = ChartTemplate._get_msom_billing_pl_account_tax(code)
        for xmlid, vals in data["account.journal"].items():
            journal = self.env["account.journal"].search(
                [("company_id", "=", company.id), ("code", "=", vals["code"])], limit=1
            )
            if journal:  # one of ours from before the chart hooks
                self.env["ir.model.data"]._update_xmlids(
                    [
                        {
                            "xml_id": f"account.{company.id}_{xmlid}",
                            "record": journal,
                            "noupdate": True,
                        }
                    ]
                )
        ChartTemplate._load_data(data)
