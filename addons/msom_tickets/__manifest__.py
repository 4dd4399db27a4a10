# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Tickets",
    "summary": "Resident tickets (zgłoszenia) on Field Service orders, "
    "the operator's board, SLA and Open311",
    "version": "19.0.0.1.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": ["msom_estate", "fieldservice", "web_leaflet_lib"],
    "data": [],
    "installable": True,
}
