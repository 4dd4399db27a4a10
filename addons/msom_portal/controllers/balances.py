# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo import fields, http
from odoo.http import request

from odoo.addons.msom_estate.tools import param_int
from odoo.addons.portal.controllers.portal import CustomerPortal

from .documents import pdf_response, readable
from .units import resident_unit

CHART_WIDTH = 600
CHART_HEIGHT = 180


def chart_bars(months):
    """Bar geometry of the monthly chart (an inline SVG, no script)."""
    top = max([m["charges"] for m in months] + [m["payments"] for m in months] + [1])
    step = CHART_WIDTH / max(len(months), 1)
    bar = step * 0.35
    bars = []
    for index, month in enumerate(months):
        x = index * step + step * 0.12
        for offset, key in ((0, "charges"), (bar, "payments")):
            height = round(month[key] / top * (CHART_HEIGHT - 20), 1)
            bars.append(
                {
                    "key": key,
                    "x": round(x + offset, 1),
                    "y": round(CHART_HEIGHT - height, 1),
                    "width": round(bar, 1),
                    "height": height,
                    "amount": month[key],
                    "month": month["month"],
                }
            )
    return bars


class MsomPortalBalances(CustomerPortal):
    @http.route(
        ["/my/balances", "/my/balances/<int:unit_id>"],
        type="http",
        auth="user",
        website=True,
        # read-only: served from a PostgreSQL replica when there is one
        readonly=True,
    )
    def msom_my_balances(self, unit_id=None, year=None, **kw):
        """Turnover and balance per unit and period (opening, charges,
        payments, closing, overdue), per component, with a monthly chart."""
        env = request.env
        units = env.user.partner_id._msom_portal_units()
        unit = resident_unit(unit_id) if unit_id else units[:1]
        today = fields.Date.context_today(env.user)
        year = param_int(year, "year", default=today.year)
        year = min(max(year, 2000), today.year)
        date_from = date(year, 1, 1)
        date_to = min(date(year, 12, 31), today)
        turnover = units._msom_turnover(date_from, date_to)
        components = {}
        months = []
        documents = env["account.move"]
        if unit:
            component_ids = list(turnover[unit.id]["components"])
            components = {
                c.id: c.name
                for c in env["msom.charge.component"].sudo().browse(component_ids)
            }
            months = unit._msom_monthly_turnover(date_from, date_to)
            documents = env["account.move"].search_fetch(
                [
                    ("unit_id", "=", unit.id),
                    ("msom_charge_period", ">=", date_from),
                    ("msom_charge_period", "<=", date_to),
                ],
                ["name", "ref", "msom_charge_period", "move_type", "amount_total"],
                order="msom_charge_period desc, id desc",
                limit=24,
            )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_balances",
            units=units,
            unit=unit,
            year=year,
            years=list(range(today.year, today.year - 6, -1)),
            date_from=date_from,
            date_to=date_to,
            turnover=turnover,
            components=components,
            months=months,
            bars=chart_bars(months),
            chart_width=CHART_WIDTH,
            chart_height=CHART_HEIGHT,
            documents=documents,
            open_amounts=documents._msom_open_amounts(),
            currency=env.company.currency_id,
        )
        return request.render("msom_portal.portal_my_balances", values)

    @http.route(
        "/my/balances/document/<int:move_id>",
        type="http",
        auth="user",
        website=True,
    )
    def msom_charge_document(self, move_id, **kw):
        """The charge notice (PDF) of one of the resident's units."""
        move = readable("account.move", move_id)
        if not move.msom_charge_period:
            raise request.not_found()
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("msom_billing.action_report_charge_notice", move.ids)
        )
        return pdf_response(pdf, move.name)
