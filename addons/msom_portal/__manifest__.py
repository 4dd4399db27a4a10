# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Resident Portal (mBOK)",
    "summary": "The resident portal over tickets, billing, meters, votes "
    "and announcements",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": [
        "msom_tickets",
        "msom_billing",
        "msom_meter",
        "msom_collection",
        "msom_survey",
        "portal",
        "account_payment",
        "mail",
        "bus",
    ],
    "data": [
        # security
        "security/ir.model.access.csv",
        "security/msom_portal_security.xml",
        "data/ir_config_parameter_data.xml",
        # one template file per portal area
        "views/portal_layout_templates.xml",
        "views/portal_home_templates.xml",
        "views/portal_unit_templates.xml",
        "views/portal_ticket_templates.xml",
        "views/public_report_templates.xml",
        "views/portal_balance_templates.xml",
        "views/portal_invoice_templates.xml",
        "views/portal_calendar_templates.xml",
        "views/portal_contact_templates.xml",
        "views/portal_announcement_templates.xml",
        "views/portal_chat_templates.xml",
        "views/portal_personal_templates.xml",
        "views/portal_login_history_templates.xml",
        "views/portal_webapp_templates.xml",
        "views/portal_document_templates.xml",
        "views/portal_meter_templates.xml",
        "views/portal_consent_templates.xml",
        "views/portal_payment_templates.xml",
        # backend
        "views/fsm_order_views.xml",
        "views/msom_announcement_views.xml",
        "views/msom_resident_conversation_views.xml",
        "views/msom_partner_change_request_views.xml",
        "views/msom_login_event_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/msom_portal_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "msom_portal/static/src/scss/*.scss",
            "msom_portal/static/src/js/*.js",
        ],
        "web.assets_tests": ["msom_portal/static/tests/tours/*.js"],
    },
    "installable": True,
}
