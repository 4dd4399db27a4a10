"""Fault suite data, on a demo database: `run(env, [json path])`.

A generated estate of a few hundred units whose charge run for next month
is planned (not posted), and for the demo resident (login mieszkaniec) the
e-reading consent, a meter with an open reading campaign and an open vote
of their building, and no open instalment request. Writes what
the suite needs to the JSON file.
"""

import json
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields

from tests.perf.common import cooperative_spec


def run(env, args):
    units_wanted = int(args[1]) if len(args) > 1 else 600
    spec = cooperative_spec(units_wanted, "Osiedle Awaryjne", "Awaryjna")
    units = env["msom.registry.generator"].generate(spec, commit=True)
    estate = units.estate_id
    charge_run = env["msom.charge.run"].create(
        {
            # next month: the demo has posted this one already
            "period": date.today().replace(day=1) + relativedelta(months=1),
            "estate_ids": [(6, 0, estate.ids)],
            "batch_size": 25,
        }
    )
    charge_run.action_preview()
    resident = env.ref("msom_estate.partner_demo_resident")
    resident.msom_grant_consent("ereading", "office")
    # the portal shows the instalment request form only without an open one
    resident._msom_open_instalment_request().sudo().unlink()
    home = resident._msom_paying_units()
    Meter = env["msom.meter"]
    meter = Meter.search([("unit_id", "in", home.ids), ("active", "=", True)], limit=1)
    if not meter:
        meter = Meter.create(
            {"serial_number": "AW-0001", "meter_type": "cold_water",
             "unit_id": home[0].id, "install_date": "2020-01-01",
             "initial_reading": 10.0}
        )  # fmt: skip
    if not meter._msom_open_campaigns()[meter.id]:
        env["msom.meter.campaign"].create(
            {"name": "Odczyty (test awarii)", "meter_type": meter.meter_type,
             "date_from": date.today() - timedelta(days=3),
             "deadline": date.today() + timedelta(days=3)}
        ).action_open()  # fmt: skip
    vote = env["survey.survey"].create(
        {
            "title": "Uchwała (test awarii): malowanie klatek",
            "msom_kind": "vote",
            "msom_scope": "building",
            "msom_location_id": home[0].building_id.id,
            "msom_date_open": fields.Datetime.now() - timedelta(hours=1),
            "msom_date_close": fields.Datetime.now() + timedelta(days=3),
            "msom_target_group": "residents",
            "msom_weighting": "capita",
            "msom_majority": "eligible",
            "msom_resolution_number": "AW/1",
            "msom_resolution_text": "<p>Malowanie klatek schodowych.</p>",
        }
    )
    vote._msom_open(accept_shares=True)
    voter = vote.msom_voter_ids.filtered(lambda v: v.partner_id == resident)[:1]
    accounts = env["msom.virtual.account"].search(
        [("unit_id", "in", units.ids)], limit=40, order="id"
    )
    with open(args[0], "w", encoding="utf-8") as out:
        json.dump(
            {
                "run": charge_run.id,
                "period": str(charge_run.period),
                "planned": len(
                    charge_run.line_ids.filtered(lambda line: line.state == "planned")
                ),
                "estate": estate.id,
                "unit": home[0].id,
                "meter": meter.id,
                "last_reading": meter.last_reading_value,
                "accounts": accounts.mapped("number"),
                "vote": vote.id,
                "voter": voter.id,
                "vote_answer": vote._msom_vote_answers()["for"].id,
                "journal": env["account.journal"]
                .search(
                    [("type", "=", "bank"), ("company_id", "=", env.company.id)],
                    limit=1,
                )
                .id,
            },
            out,
        )
