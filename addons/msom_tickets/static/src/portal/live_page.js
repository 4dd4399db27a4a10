// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

const REFRESH_MS = 1000;

/**
 * A portal page that follows its tickets live: the resident's ticket page
 * (notification "msom.ticket/changed" on the resident's partner channel) and
 * the contractor's job list ("msom.jobs/changed" on their company's channel).
 *
 * The page is rendered again by the server (record rules and escaping as on
 * a normal load) and the parts marked ``data-msom-live-part`` are swapped,
 * at most once a second; forms outside those parts are left alone.
 */
export class MsomLivePage extends Interaction {
    static selector = "[data-msom-live-type]";

    setup() {
        this.type = this.el.dataset.msomLiveType;
        this.ticketId = parseInt(this.el.dataset.msomLiveId || "0");
        this.onNotification = this.onNotification.bind(this);
        this.lastRefresh = 0;
        this.timer = null;
        const bus = this.services.bus_service;
        if (bus) {
            bus.subscribe(this.type, this.onNotification);
            // contractors hear their company's channel; others get nothing more
            bus.addChannel("msom.tickets.live");
            this.registerCleanup(() => {
                bus.unsubscribe(this.type, this.onNotification);
                bus.deleteChannel("msom.tickets.live");
            });
        }
        this.registerCleanup(() => clearTimeout(this.timer));
    }

    onNotification(payload) {
        const ids = payload.ids || (payload.tickets || []).map((ticket) => ticket.id);
        if (this.ticketId && !ids.includes(this.ticketId)) {
            return;
        }
        if (!this.timer) {
            const wait = Math.max(0, this.lastRefresh + REFRESH_MS - Date.now());
            this.timer = setTimeout(() => this.refresh(), wait);
        }
    }

    async refresh() {
        // a change during the fetch schedules the next refresh
        this.timer = null;
        this.lastRefresh = Date.now();
        const response = await this.waitFor(fetch(window.location.href));
        if (!response.ok) {
            return;
        }
        const html = await this.waitFor(response.text());
        const fresh = new DOMParser().parseFromString(html, "text/html");
        for (const part of this.el.querySelectorAll("[data-msom-live-part]")) {
            const name = part.dataset.msomLivePart;
            const replacement = fresh.querySelector(`[data-msom-live-part="${CSS.escape(name)}"]`);
            if (replacement) {
                part.replaceWith(document.importNode(replacement, true));
            }
        }
    }
}

registry.category("public.interactions").add("msom_tickets.live_page", MsomLivePage);
