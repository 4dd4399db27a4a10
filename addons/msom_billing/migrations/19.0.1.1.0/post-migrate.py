# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: billing's journals, accounts and the housing exemption come
with the chart of accounts; the companies of an existing database get them
as a new installation's post_init_hook gives them."""

from odoo import SUPERUSER_ID, api

from odoo.addons.msom_billing import _post_init_hook


def migrate(cr, version):
    _post_init_hook(api.Environment(cr, SUPERUSER_ID, {}))
