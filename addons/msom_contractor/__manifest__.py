# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Contractor (mWykonawca)",
    "summary": "The contractor's mobile web pages and the signed completion protocol",
    "version": "19.0.0.1.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": ["msom_tickets", "portal"],
    "data": [],
    "installable": True,
}
