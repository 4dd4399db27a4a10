// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

/* The operator watches the board, then the map, while the contractor (another
 * session, driven by the Python test) accepts and starts the job and sends a
 * position. Every change must show within the limit the test sets (2 s on a
 * machine that is not overloaded) after the server sent it, without reloading
 * the page. */
const JOB = "ZG-LIVE-1";

function limitMs() {
    const cookie = document.cookie.match(/msom_live_limit_ms=(\d+)/);
    return cookie ? parseInt(cookie[1]) : 2000;
}

function services() {
    return odoo.__WOWL_DEBUG__.root.env.services;
}

/** Milliseconds since the server's "at" (UTC, with milliseconds). */
function since(at) {
    return Date.now() - Date.parse(at.replace(" ", "T") + "Z");
}

function columnCount(title) {
    for (const group of document.querySelectorAll(".o_kanban_group")) {
        const header = group.querySelector(".o_column_title");
        if (header && header.textContent.includes(title)) {
            const count = header.textContent.match(/\((\d+)\)/);
            return count ? parseInt(count[1]) : 0;
        }
    }
    return 0;
}

async function waitUntil(check, what, timeout = 30000) {
    const started = Date.now();
    while (!check()) {
        if (Date.now() - started > timeout) {
            throw new Error(`Timed out waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

function assert(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

registry.category("web_tour.tours").add("msom_live_board_tour", {
    url: "/odoo/msom-tickets",
    steps: () => {
        const seen = {};
        return [
            {
                content: "The job waits for the contractor in the Forwarded column",
                trigger: `.o_kanban_group:has(.o_column_title:contains(Forwarded)) .o_kanban_record:contains(${JOB})`,
                run() {
                    window.msomNoReload = true;
                    seen.forwarded = columnCount("Forwarded");
                    seen.inProgress = columnCount("In Progress");
                },
            },
            {
                content: "The contractor accepts and starts: the card moves by itself",
                trigger: `.o_kanban_group:has(.o_column_title:contains(In Progress)) .o_kanban_record:contains(${JOB})`,
                timeout: 60000,
                run() {
                    const event = services()["msom_tickets.live"].state.feed.find(
                        (e) => e.name === JOB && e.kind === "in_progress"
                    );
                    assert(event, "the live feed has the event");
                    const delay = since(event.at);
                    console.log(`msom live: the card moved ${delay} ms after the event`);
                    assert(delay <= limitMs(), `the card moved ${delay} ms after the event`);
                    assert(window.msomNoReload, "the page was not reloaded");
                    assert(
                        columnCount("In Progress") === seen.inProgress + 1 &&
                            columnCount("Forwarded") === seen.forwarded - 1,
                        "the column counters changed"
                    );
                },
            },
            {
                content: "The live feed lists the contractor's steps",
                trigger: ".o_msom_live_feed_toggle:has(.o_msom_live_unseen)",
                run: "click",
            },
            {
                trigger: `.o_msom_live_event:contains(${JOB}):contains(started)`,
            },
            {
                content: "Open the map (no reload)",
                trigger: ".o_msom_live_event",
                run() {
                    services().action.doAction("msom_tickets.action_msom_ticket_map");
                },
            },
            {
                content: "The worker's marker is on the map",
                trigger: ".o_msom_map_canvas .o_msom_worker_pin",
                run() {
                    seen.pin = this.anchor;
                    seen.title = this.anchor.title;
                    seen.transform = this.anchor.style.transform;
                },
            },
            {
                content: "The contractor's phone sends a position: the marker moves",
                trigger: ".o_msom_map_canvas",
                async run() {
                    // the title holds the time of the worker's last position
                    await waitUntil(
                        () => seen.pin.title !== seen.title,
                        "a new position of the worker",
                        60000
                    );
                    assert(seen.pin.style.transform !== seen.transform, "the marker moved");
                    const delay = since(services()["msom_tickets.live"].state.positionsAt);
                    console.log(`msom live: the marker moved ${delay} ms after the ping`);
                    assert(delay <= limitMs(), `the marker moved ${delay} ms after the ping`);
                    assert(seen.pin.isConnected, "the same marker moved");
                    assert(window.msomNoReload, "the page was not reloaded");
                },
            },
        ];
    },
});

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
