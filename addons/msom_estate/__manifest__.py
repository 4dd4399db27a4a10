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
    "depends": ["fieldservice", "contacts", "mail"],
    "external_dependencies": {"python": ["pyproj", "qrcode"]},
    "data": [],
    "installable": True,
    "application": True,
}
