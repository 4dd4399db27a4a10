# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Debt Collection",
    "summary": "Interest notes, payment demands, debt-collection files, court "
    "cases, enforcement and instalment agreements on the unit accounts",
    "version": "19.0.1.1.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": ["msom_billing"],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/ir.model.access.csv",
        "security/ir_rule.xml",
        "data/msom_interest_rate_data.xml",
        "data/msom_collection_data.xml",
        "data/mail_template_data.xml",
        "data/mail_activity_type_data.xml",
        "views/msom_collection_views.xml",
        "views/msom_document_views.xml",
        "views/res_partner_views.xml",
        "views/menus.xml",
        "report/interest_note.xml",
        "report/payment_demand.xml",
    ],
    "demo": ["demo/msom_collection_demo.xml"],
    "installable": True,
}
