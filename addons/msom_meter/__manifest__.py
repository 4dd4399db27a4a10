# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Meters",
    "summary": "Meters, readings, reading campaigns and the settlement of "
    "metered advances on the unit accounts",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": ["msom_billing"],
    "data": [
        "security/ir.model.access.csv",
        "security/ir_rule.xml",
        "data/ir_cron.xml",
        "views/msom_meter_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/msom_meter_demo.xml"],
    "installable": True,
}
