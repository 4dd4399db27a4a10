# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from werkzeug.urls import url_encode

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import formatLang

from odoo.addons.msom_estate.tools import param_date, param_float, param_text
from odoo.addons.portal.controllers.portal import CustomerPortal

from .home import (
    FORM_TOKEN,
    MsomPortalHome,
    first_redirect,
    is_resident,
    redirect_once,
)
from .tickets import user_error_text

CHART_WIDTH = 600
CHART_HEIGHT = 160
# fields.Image decodes the photo: only formats Pillow reads everywhere
METER_PHOTO_MIMETYPES = {"image/jpeg", "image/png", "image/webp"}


def consumption_bars(history):
    """Bars of the consumption between readings, oldest first (inline SVG)."""
    points = [h for h in reversed(history) if h["kind"] != "initial"]
    top = max([p["consumption"] for p in points] + [0.001])
    step = CHART_WIDTH / max(len(points), 1)
    return [
        {
            "x": round(index * step + step * 0.15, 1),
            "y": round(CHART_HEIGHT - p["consumption"] / top * (CHART_HEIGHT - 20), 1),
            "width": round(step * 0.7, 1),
            "height": round(p["consumption"] / top * (CHART_HEIGHT - 20), 1),
            "label_x": round((index + 0.5) * step, 1),
            "date": p["date"],
            "consumption": p["consumption"],
            "anomaly": p["anomaly"],
        }
        for index, p in enumerate(points)
    ]


def open_campaigns(meters, day=None):
    """{meter id: the open reading campaign covering it on the day, or an
    empty recordset}; msom_billing decides which campaign covers a meter."""
    return meters._msom_open_campaigns(day)


def open_campaign(meter, day=None):
    """The open reading campaign covering the meter on the day, if any."""
    return open_campaigns(meter, day)[meter.id]


class MsomPortalMeters(CustomerPortal):
    def _msom_meters(self):
        return request.env["msom.meter"].msom_portal_meters(request.env.user.partner_id)

    def _msom_meter(self, meter_id):
        """One of the resident's current meters, else 404."""
        if not is_resident():
            raise request.not_found()
        meter = self._msom_meters().filtered(lambda m: m.id == meter_id)
        if not meter:
            raise request.not_found()
        return meter

    @http.route("/my/meters", type="http", auth="user", website=True, readonly=True)
    def msom_my_meters(self, **kw):
        meters = self._msom_meters() if is_resident() else request.env["msom.meter"]
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_meters",
            meters=meters,
            units=meters.unit_id,
            campaigns=open_campaigns(meters),
        )
        return request.render("msom_portal.portal_my_meters", values)

    @http.route("/my/meters/<int:meter_id>", type="http", auth="user", website=True)
    def msom_my_meter(self, meter_id, error=None, message=None, **kw):
        meter = self._msom_meter(meter_id)
        return request.render(
            "msom_portal.portal_my_meter",
            self._msom_meter_values(meter, error=error, message=message, form=kw),
        )

    def _msom_meter_values(self, meter, error=None, message=None, form=None):
        partner = request.env.user.partner_id
        history = meter.msom_portal_history()
        values = self._prepare_portal_layout_values()
        max_mb = request.env["fsm.order"]._max_attachment_mb()
        values.update(
            page_name="msom_meter",
            meter=meter,
            history=history,
            bars=consumption_bars(history),
            chart_width=CHART_WIDTH,
            chart_height=CHART_HEIGHT,
            campaign=open_campaign(meter),
            has_consent=partner._msom_has_consent("ereading"),
            today=fields.Date.context_today(request.env.user),
            # in the reader's number format: "10", "2,5"
            max_photo_mb=formatLang(
                request.env, max_mb, digits=0 if max_mb == int(max_mb) else 1
            ),
            error=error,
            message=message,
            form=form or {},
        )
        return values

    @http.route(
        "/my/meters/<int:meter_id>/reading",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def msom_meter_submit(self, meter_id, value=None, date=None, **post):
        meter = self._msom_meter(meter_id)
        env = request.env
        partner = env.user.partner_id
        token = post.get(FORM_TOKEN)
        if repeated := first_redirect(token):
            return repeated
        try:
            with env.cr.savepoint():
                result = self._msom_submit(meter, partner, value, date)
        except (UserError, ValidationError, AccessError) as error:
            return request.render(
                "msom_portal.portal_my_meter",
                self._msom_meter_values(
                    meter,
                    error=user_error_text(error),
                    form={
                        "value": param_text(value, "value", 64, truncate=True),
                        "date": param_text(date, "date", 10, truncate=True),
                    },
                ),
            )
        params = {"message": "anomaly" if result["anomaly"] else "saved"}
        return redirect_once(token, f"/my/meters/{meter.id}?{url_encode(params)}")

    def _msom_submit(self, meter, partner, value, date):
        env = request.env
        # an outer bound (no meter shows more than 9 digits); the meter's own
        # plausibility check follows in msom_submit_reading
        value = param_float(value, env._("Reading"), minimum=0, maximum=10**9)
        if value is None:
            raise UserError(env._("Enter the reading shown by the meter."))
        day = param_date(date, env._("Reading date"))
        photo = None
        upload = request.httprequest.files.get("photo")
        if upload and upload.filename:
            ((_name, data, mimetype),) = env["fsm.order"]._msom_portal_read_photos(
                [upload]
            )
            if mimetype not in METER_PHOTO_MIMETYPES:
                raise UserError(
                    env._("Attach the photo of the meter as JPEG, PNG or WebP.")
                )
            photo = base64.b64encode(data)
        return meter.msom_submit_reading(
            partner, value, date=day, photo=photo, unit=meter.unit_id
        )


class MsomPortalHomeMeters(MsomPortalHome):
    def _msom_home_tiles(self):
        tiles = super()._msom_home_tiles()
        if not is_resident():
            return tiles
        env = request.env
        meters = env["msom.meter"].msom_portal_meters(env.user.partner_id)
        due = [campaign for campaign in open_campaigns(meters).values() if campaign]
        tiles.append(
            {
                "key": "meters",
                "sequence": 80,
                "title": env._("Meters"),
                "value": str(len(meters)),
                "text": env._("Readings to submit: %(count)s", count=len(due))
                if due
                else env._("Readings and consumption"),
                "url": "/my/meters",
                "icon": "fa-tachometer",
                "variant": "warning" if due else "secondary",
            }
        )
        return sorted(tiles, key=lambda tile: tile["sequence"])
