# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Contractor (mWykonawca)",
    "summary": "The contractor's mobile web pages and the signed completion protocol",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": [
        "msom_tickets",
        "portal",
        "fieldservice_recurring",
        "fieldservice_activity",
    ],
    "external_dependencies": {"python": ["reportlab", "Pillow"]},
    "data": [
        "security/ir.model.access.csv",
        "security/ir_rule.xml",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "data/crew_inspection_data.xml",
        "views/fsm_order_views.xml",
        "views/msom_completion_protocol_views.xml",
        "views/fsm_person_views.xml",
        "views/fsm_template_views.xml",
        "views/portal_templates.xml",
        "views/verification_templates.xml",
    ],
    "demo": ["demo/msom_contractor_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "msom_contractor/static/src/scss/contractor.scss",
            "msom_contractor/static/src/js/*.js",
        ],
        "web.assets_tests": [
            "msom_contractor/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
