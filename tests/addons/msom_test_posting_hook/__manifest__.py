# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM test: a module that hooks posting",
    "summary": "Test only: stands for an e-invoicing or audit module overriding "
    "account.move._post, next to which msom_billing must post through the ORM.",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": ["msom_billing"],
    "installable": True,
}
