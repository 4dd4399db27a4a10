# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.2.0: the maps take their tiles from web_leaflet_lib's
``leaflet.tile_url`` only.

``msom_tickets.map_tile_url`` took precedence before: a URL set there becomes
``leaflet.tile_url``, then the parameter goes (it was noupdate data, which an
update does not delete).
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Param = env["ir.config_parameter"]
    ours = Param.search([("key", "=", "msom_tickets.map_tile_url")])
    if ours.value and ours.value.strip():
        Param.set_param("leaflet.tile_url", ours.value.strip())
    ours.unlink()
