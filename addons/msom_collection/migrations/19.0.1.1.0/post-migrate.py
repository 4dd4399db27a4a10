# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: the payment demand e-mail formats its amount and deadline in
the recipient's language, with the currency ("1 234,56 zł"), instead of
"1234.56 zł". The template is noupdate and may have been customised: only
the two expressions change, in every language that still has them."""

from psycopg2.extras import Json

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

NEW_EXPRESSIONS = [
    (
        "<t t-out=\"'%.2f' % object.amount_principal\"/> zł",
        '<t t-out="format_amount(object.amount_principal, '
        'object.company_id.currency_id)"/>',
    ),
    (
        "<t t-out=\"object.date_deadline.strftime('%d.%m.%Y')\"/>",
        '<t t-out="format_date(object.date_deadline)"/>',
    ),
]


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(
        "msom_collection.mail_template_payment_demand", raise_if_not_found=False
    )
    if not template:
        return
    cr.execute(SQL("SELECT body_html FROM mail_template WHERE id = %s", template.id))
    bodies = cr.fetchone()[0] or {}
    changed = {}
    for lang, body in bodies.items():
        new_body = body
        for old, new in NEW_EXPRESSIONS:
            new_body = new_body.replace(old, new)
        if new_body != body:
            changed[lang] = new_body
    if changed:
        # every language at once, active or not (update_field_translations
        # refuses inactive ones)
        cr.execute(
            SQL(
                "UPDATE mail_template SET body_html = body_html || %s WHERE id = %s",
                Json(changed),
                template.id,
            )
        )
        template.invalidate_recordset(["body_html"])
