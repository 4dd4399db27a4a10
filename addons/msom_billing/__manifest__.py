# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Billing",
    "summary": "Unit accounts, monthly charges, individual account numbers "
    "and payment matching on Odoo Accounting",
    "version": "19.0.1.1.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": [
        "msom_estate",
        "account",
        "l10n_pl_edi",
        "account_statement_import_base",
        "mail",
        "queue_job",
    ],
    "external_dependencies": {
        "python": ["num2words", "xlsxwriter", "openpyxl", "xlrd"]
    },
    "data": [
        "security/msom_billing_security.xml",
        "security/ir.model.access.csv",
        "security/ir_rule.xml",
        "data/ir_cron.xml",
        "data/queue_job_data.xml",
        "views/account_move_views.xml",
        "views/msom_charge_views.xml",
        "views/account_bank_statement_line_views.xml",
        "views/res_company_views.xml",
        "views/msom_occupancy_views.xml",
        "views/msom_unit_turnover_views.xml",
        "views/menus.xml",
        "report/charge_notice.xml",
        "report/unit_turnover.xml",
        "security/ir_rule_documents.xml",
        "views/msom_document_views.xml",
        "wizards/msom_zsi_import_views.xml",
        "views/menus_documents.xml",
        "data/fa3_template.xml",
    ],
    "demo": ["demo/msom_billing_demo.xml"],
    "post_init_hook": "_post_init_hook",
    "installable": True,
}
