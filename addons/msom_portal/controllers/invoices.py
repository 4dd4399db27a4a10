# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.http import request

from odoo.addons.account.controllers.portal import PortalAccount
from odoo.addons.msom_estate.tools import param_id
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .units import resident_unit


class MsomPortalInvoices(PortalAccount):
    """Odoo's /my/invoices, filtered per unit for residents.

    The invoice page, its PDF and online payment (account_payment) stay
    Odoo's own; record rules of msom_billing decide what a resident sees.
    """

    @http.route()
    def portal_my_invoices(
        self, page=1, date_begin=None, date_end=None, sortby=None, filterby=None, **kw
    ):
        unit_id = param_id(kw.get("unit"), "unit")
        if not unit_id:
            response = super().portal_my_invoices(
                page=page,
                date_begin=date_begin,
                date_end=date_end,
                sortby=sortby,
                filterby=filterby,
                **kw,
            )
            self._msom_add_units(response, None)
            return response
        unit = resident_unit(unit_id)
        values = self._prepare_my_invoices_values(
            page,
            date_begin,
            date_end,
            sortby,
            filterby,
            domain=[("unit_id", "=", unit.id)],
        )
        values["pager"]["url_args"]["unit"] = unit.id
        pager = portal_pager(**values["pager"])
        invoices = values["invoices"](pager["offset"])
        request.session["my_invoices_history"] = [i["invoice"].id for i in invoices][
            :100
        ]
        values.update(invoices=invoices, pager=pager)
        response = request.render("account.portal_my_invoices", values)
        self._msom_add_units(response, unit)
        return response

    @staticmethod
    def _msom_add_units(response, unit):
        if not hasattr(response, "qcontext"):
            return
        if not request.env.user.has_group("msom_estate.group_msom_resident"):
            return
        response.qcontext["msom_units"] = (
            request.env.user.partner_id._msom_portal_units()
        )
        response.qcontext["msom_unit"] = unit
