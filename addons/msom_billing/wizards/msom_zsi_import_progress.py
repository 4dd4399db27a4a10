# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomZsiImportProgress(models.TransientModel):
    """How far a running ZSI import got. A row of its own beside the import
    record: it is written from another cursor so that other sessions see it
    before the import commits, and the import's transaction, which writes
    the import record, never writes it (no lock wait, no serialization
    conflict)."""

    _name = "msom.zsi.import.progress"
    _description = "ZSI Import Progress"

    wizard_id = fields.Many2one(
        "msom.zsi.import",
        string="Running Import",
        required=True,
        ondelete="cascade",
    )
    percent = fields.Float(string="Percent Done")

    _wizard_unique = models.Constraint("UNIQUE (wizard_id)")
