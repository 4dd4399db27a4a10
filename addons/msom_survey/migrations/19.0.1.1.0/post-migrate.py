# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: the multi-company rule of housing surveys leaves ordinary
surveys (no msom_kind) to Odoo's rules."""

from odoo import SUPERUSER_ID, api

from odoo.addons.msom_estate.tools.migration import reload_noupdate_file


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    reload_noupdate_file(env, "msom_survey", "security/ir_rule.xml")
