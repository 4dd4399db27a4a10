# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import RequestEntityTooLarge

from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        """A body too large for an Open311 route is refused before the route
        runs: answer it as a GeoReport error (JSON or XML), not Werkzeug's
        HTML page. Every other route keeps Odoo's answer."""
        # imported here: the controller imports this package's models
        from ..controllers.open311 import (
            MAX_BODY,
            OPEN311_PREFIX,
            Open311Controller,
            Open311Error,
        )

        path = request.httprequest.path
        if isinstance(exception, RequestEntityTooLarge) and path.startswith(
            OPEN311_PREFIX
        ):
            controller = Open311Controller()
            env = controller._env()
            fmt = path.rpartition(".")[2]
            return controller._error(
                fmt,
                Open311Error(
                    413,
                    env._(
                        "The request is larger than %(size)s kB.",
                        size=MAX_BODY // 1024,
                    ),
                ),
            )
        return super()._handle_error(exception)
