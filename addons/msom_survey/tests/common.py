# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.msom_estate.tests.common import MsomEstateCase, MsomEstateMixin

OPEN = datetime(2026, 3, 1, 8, 0)
CLOSE = datetime(2026, 3, 15, 20, 0)
DURING = "2026-03-05 12:00:00"
BEFORE = "2026-02-20 12:00:00"
AFTER = "2026-03-16 09:00:00"


class MsomVoteMixin(MsomEstateMixin):
    """The estate of msom_estate's tests with owners who vote.

    unit 1 (share 485/1500): Jan Nowak, owner
    unit 2 (share 6025/15000): Zofia and Piotr Mazur, co-owners 1/2 each,
        Zofia is the voting proxy
    unit 12 (share 4125/15000): Ewa Wójcik, owner; Adam Wójcik, household
    The three shares add up to exactly 1.
    """

    @classmethod
    def _setup_votes(cls):
        Partner = cls.env["res.partner"]
        cls.owner.email = "jan.nowak@example.pl"
        cls.neighbour.email = "ewa.wojcik@example.pl"
        cls.zofia = Partner.create({"name": "Zofia Mazur", "email": "zofia@example.pl"})
        cls.piotr = Partner.create({"name": "Piotr Mazur", "email": "piotr@example.pl"})
        cls.adam = Partner.create({"name": "Adam Wójcik", "email": "adam@example.pl"})
        cls.stranger = Partner.create({"name": "Obcy Człowiek"})
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.zofia, "co_owner", (1, 2), is_voting_proxy=True)
        cls._occupy(cls.unit_2, cls.piotr, "co_owner", (1, 2))
        cls._occupy(cls.unit_12, cls.neighbour)
        cls._occupy(cls.unit_12, cls.adam, "resident")
        cls.user_jan = cls._resident_user(cls.owner, "jan_voter")
        cls.user_zofia = cls._resident_user(cls.zofia, "zofia_voter")
        cls.user_piotr = cls._resident_user(cls.piotr, "piotr_voter")
        cls.user_ewa = cls._resident_user(cls.neighbour, "ewa_voter")
        cls.user_stranger = cls._resident_user(cls.stranger, "stranger_voter")
        cls.operator = new_test_user(
            cls.env, login="vote_operator", groups="msom_estate.group_msom_operator"
        )
        cls.Survey = cls.env["survey.survey"]

    @classmethod
    def _create_vote(cls, **vals):
        return cls.Survey.create(
            dict(
                {
                    "title": "Uchwała w sprawie remontu dachu",
                    "msom_kind": "vote",
                    "msom_scope": "estate",
                    "msom_location_id": cls.estate.id,
                    "msom_date_open": OPEN,
                    "msom_date_close": CLOSE,
                    "msom_target_group": "owners",
                    "msom_weighting": "unit",
                    "msom_majority": "eligible",
                    "msom_resolution_number": "7/2026",
                    "msom_resolution_text": "<p>Zgoda na remont dachu budynku.</p>",
                },
                **vals,
            )
        )

    @classmethod
    def _open(cls, vote, accept_shares=False):
        with freeze_time(BEFORE):
            vote._msom_open(accept_shares=accept_shares)
        return vote

    def _cast(self, vote, value, user, **kwargs):
        answer = vote._msom_vote_answers()[value]
        with freeze_time(kwargs.pop("at", DURING)):
            return vote.with_user(user)._msom_cast_vote(answer, user, **kwargs)

    def _close(self, vote):
        with freeze_time(AFTER):
            vote._msom_close()
        return vote

    def _voter(self, vote, partner):
        return vote.msom_voter_ids.filtered(lambda v: v.partner_id == partner)


class MsomVoteCase(MsomVoteMixin, MsomEstateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_votes()
