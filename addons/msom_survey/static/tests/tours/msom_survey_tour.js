/** @odoo-module */
// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("msom_survey_vote_tour", {
    url: "/my/votes",
    steps: () => [
        {
            content: "Open the vote waiting for the resident",
            trigger: ".msom_vote_list a:contains('Remont dachu')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose: for",
            trigger: ".msom_vote_form label[for^='msom_answer_for']",
            run: "click",
        },
        {
            content: "Cast the vote",
            trigger: ".msom_vote_form button[name='msom_cast']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The vote is recorded",
            trigger: ".alert-success:contains('Your vote has been recorded')",
        },
        {
            content: "The page shows the choice",
            trigger: ".msom_voter_card:contains('You voted')",
        },
    ],
});
