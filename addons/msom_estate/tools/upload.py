# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one check of a file a resident or a worker uploads."""

from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype


def upload_limit_mb(env, param, default_mb):
    """A size limit in MB from a system parameter, ``default_mb`` when unset
    or not a number."""
    value = env["ir.config_parameter"].sudo().get_param(param, default_mb)
    try:
        return float(value)
    except ValueError:
        return default_mb


def check_upload(env, name, data, limit_mb, allowed, refusal, sniff=None):
    """Refuse an empty file, one over ``limit_mb`` MB, or one whose content
    is not of the ``allowed`` mimetypes (``refusal`` says what is accepted);
    return the mimetype.

    The type is sniffed from the content (``sniff``, Odoo's
    ``guess_mimetype`` by default), never taken from the browser.
    """
    if not data:
        raise UserError(env._("The file “%(name)s” is empty.", name=name))
    if len(data) > limit_mb * 1024 * 1024:
        raise UserError(
            env._(
                "The file “%(name)s” is larger than %(limit)s MB.",
                name=name,
                limit=limit_mb,
            )
        )
    mimetype = (sniff or guess_mimetype)(data)
    if mimetype not in allowed:
        raise UserError(refusal)
    return mimetype
