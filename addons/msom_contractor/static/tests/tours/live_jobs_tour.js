// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

/* The contractor watches their list of new jobs while the office (another
 * session, driven by the Python test) forwards a job to their company. */
function assert(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

registry.category("web_tour.tours").add("msom_live_jobs_tour", {
    url: "/wykonawca",
    steps: () => [
        {
            content: "The contractor's list of new jobs is open",
            trigger: ".o_msom_contractor[data-msom-live-type] .o_msom_tabs",
            run() {
                window.msomNoReload = true;
            },
        },
        {
            content: "The office forwards a job: it appears in New by itself",
            trigger: ".o_msom_job_list .o_msom_job:contains(ZG-LIVE-2)",
            timeout: 60000,
            run() {
                assert(window.msomNoReload, "the page was not reloaded");
                const badge = document.querySelector(".o_msom_new_badge");
                assert(badge.textContent.trim() !== "0", "the New counter changed");
            },
        },
    ],
});
