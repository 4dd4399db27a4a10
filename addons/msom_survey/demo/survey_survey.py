# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import random
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.msom_estate.tools import demo_env, demo_generated_before


class SurveySurvey(models.Model):
    """Demo votes, called from ``demo/msom_survey_demo.xml`` once per database."""

    _inherit = "survey.survey"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _msom_generate_demo(self):
        """An open and a closed vote on the demo cooperative (Os. Stegny)."""
        if demo_generated_before(self.env, "msom_survey"):
            return self.browse()
        self = self.with_env(demo_env(self.env, "msom_survey"))  # noqa: PLW0642
        estate = self.env["fsm.location"].search(
            [("location_level", "=", "estate"), ("name", "=", "Os. Stegny")], limit=1
        )
        if not estate:
            return self.browse()
        building = self.env["fsm.location"].search(
            [("building_id.parent_id", "=", estate.id),
             ("location_level", "=", "building"),
             ("name", "=", "ul. Bernardyńska 12")],
            limit=1,
        )  # fmt: skip
        rng = random.Random(2026)
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        resident = self.env.ref("msom_estate.partner_demo_resident", False)
        Survey = self.with_context(tracking_disable=True, mail_notrack=True)
        open_vote = Survey.create(
            {
                "title": "Zgoda na montaż paneli fotowoltaicznych na dachu",
                "msom_kind": "vote",
                "msom_scope": "building" if building else "estate",
                "msom_location_id": (building or estate).id,
                "msom_date_open": now - timedelta(days=3),
                "msom_date_close": now + timedelta(days=14),
                "msom_target_group": "owners",
                "msom_weighting": "unit",
                "msom_majority": "eligible",
                "msom_allow_change": True,
                "msom_resolution_number": "12/2026",
                "msom_resolution_text": (
                    "<p>Właściciele lokali w budynku przy ul. Bernardyńskiej 12 "
                    "wyrażają zgodę na montaż instalacji fotowoltaicznej o mocy "
                    "do 40 kWp na dachu budynku. Energia zasili oświetlenie "
                    "klatek schodowych i dźwig; koszt pokryje fundusz remontowy "
                    "budynku.</p>"
                ),
            }
        )
        open_vote._msom_open()
        voters = open_vote.msom_voter_ids.filtered(
            lambda v: v.partner_id and v.partner_id != resident
        )
        open_vote._msom_demo_votes(voters[: len(voters) * 2 // 5], rng)
        closed_vote = Survey.create(
            {
                "title": "Plan gospodarczy Os. Stegny na 2026 rok",
                "msom_kind": "vote",
                "msom_scope": "estate",
                "msom_location_id": estate.id,
                "msom_date_open": now - timedelta(days=45),
                "msom_date_close": now + timedelta(hours=1),
                "msom_target_group": "members",
                "msom_weighting": "capita",
                "msom_majority": "voted",
                "msom_resolution_number": "3/2026",
                "msom_resolution_text": (
                    "<p>Przyjmuje się plan gospodarczy Osiedla Stegny na 2026 rok "
                    "z kosztami eksploatacji 4,85 zł/m² miesięcznie i odpisem na "
                    "fundusz remontowy 3,20 zł/m² miesięcznie.</p>"
                ),
            }
        )
        closed_vote._msom_open()
        voters = closed_vote.msom_voter_ids.filtered("partner_id")
        closed_vote._msom_demo_votes(voters[: len(voters) * 3 // 5], rng)
        closed_vote.with_context(msom_vote_internal=True).write(
            {"msom_date_close": now - timedelta(days=15)}
        )
        closed_vote._msom_close()
        return open_vote | closed_vote

    def _msom_demo_votes(self, voters, rng):
        self.ensure_one()
        answers = self._msom_vote_answers()
        Ballot = self.env["msom.vote.ballot"]
        for voter in voters:
            value = rng.choices(["for", "against", "abstain"], [7, 2, 1])[0]
            channel = "paper" if rng.random() < 0.2 else "portal"
            Ballot._msom_cast(
                voter, answers[value], channel,
                "karta zebrana przez administrację" if channel == "paper" else False,
            )  # fmt: skip
