# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Estate Registry",
    "summary": "Estates, buildings, staircases, units and their occupants "
    "for housing cooperatives and communities",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": ["fieldservice", "contacts", "mail", "web_hierarchy"],
    "external_dependencies": {"python": ["pyproj", "qrcode"]},
    "data": [
        "security/msom_security.xml",
        "security/ir.model.access.csv",
        "security/ir_rule.xml",
        "views/msom_submission_templates.xml",
        "views/frontend_layout_templates.xml",
        "views/fsm_location_views.xml",
        "views/msom_occupancy_views.xml",
        "views/msom_service_contact_views.xml",
        "views/res_partner_views.xml",
        "views/res_company_views.xml",
        "views/menus.xml",
        "report/report_layout.xml",
        "report/building_qr_sheet.xml",
    ],
    "demo": ["demo/msom_estate_demo.xml"],
    "assets": {
        # the shared web-app helpers; the service worker itself is served by
        # /msom/service-worker.js, outside every bundle
        "web.assets_frontend": ["msom_estate/static/src/webapp/webapp.js"],
        "web.assets_tests": ["msom_estate/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": True,
}
