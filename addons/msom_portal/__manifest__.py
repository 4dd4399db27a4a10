# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Resident Portal (mBOK)",
    "summary": "The resident portal over tickets, billing, meters, votes "
    "and announcements",
    "version": "19.0.0.1.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": [
        "msom_tickets",
        "msom_billing",
        "msom_survey",
        "portal",
        "account_payment",
    ],
    "data": [],
    "installable": True,
}
