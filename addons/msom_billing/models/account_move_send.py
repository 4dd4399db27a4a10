# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    def _get_all_extra_edis(self):
        """KSeF only for charge invoices to businesses: an invoice to a
        consumer is not issued in KSeF (art. 106ga ust. 2 pkt 4 of the VAT
        act). Other invoices keep l10n_pl_edi's rule."""
        edis = super()._get_all_extra_edis()
        ksef = edis.get("pl_ksef")
        if ksef:
            applicable = ksef["is_applicable"]
            ksef["is_applicable"] = lambda move: (
                applicable(move)
                and (not move.msom_charge_period or move._msom_to_business())
            )
        return edis
