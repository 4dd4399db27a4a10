# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Tickets",
    "summary": "Resident tickets (zgłoszenia) on Field Service orders, the "
    "operator's board, SLA, map and Open311",
    "version": "19.0.1.2.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": ["msom_estate", "fieldservice", "web_leaflet_lib", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/ir_rule.xml",
        "data/mail_template_data.xml",
        "data/fsm_stage_data.xml",
        "data/ir_config_parameter_data.xml",
        "views/fsm_category_views.xml",
        "views/fsm_stage_views.xml",
        "views/fsm_person_views.xml",
        "views/res_partner_views.xml",
        "views/fsm_order_views.xml",
        "views/msom_ticket_report_views.xml",
        "views/msom_open311_client_views.xml",
        "views/msom_contractor_assignment_views.xml",
        "wizards/msom_ticket_reopen_views.xml",
        "wizards/msom_ticket_merge_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/msom_tickets_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "msom_tickets/static/src/**/*",
            ("remove", "msom_tickets/static/src/portal/**/*"),
        ],
        "web.assets_frontend": [
            "msom_tickets/static/src/portal/**/*",
        ],
        "web.assets_tests": [
            "msom_tickets/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
