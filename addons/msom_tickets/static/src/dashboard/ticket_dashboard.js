/** @odoo-module **/
// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { formatFloat } from "@web/core/utils/numbers";
import { useService } from "@web/core/utils/hooks";
import { useTicketLive } from "../live/ticket_live_service";

const CUT_ACTIONS = {
    today: "msom_tickets.action_msom_ticket_today",
    all: "msom_tickets.action_msom_ticket_all",
    forwarded_today: "msom_tickets.action_msom_ticket_forwarded_today",
    forwarded: "msom_tickets.action_msom_ticket_forwarded",
};

export class TicketDashboard extends Component {
    static template = "msom_tickets.TicketDashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ cuts: null });
        this.loads = 0;
        onWillStart(() => this.load());
        useTicketLive(({ events }) => events.length && this.load());
    }

    get cuts() {
        return [
            { key: "today", label: _t("Today's Tickets") },
            { key: "all", label: _t("All Tickets") },
            { key: "forwarded_today", label: _t("Forwarded Today") },
            { key: "forwarded", label: _t("All Forwarded") },
        ];
    }

    async load() {
        // live reloads may overlap: the figures of the last one asked win
        const load = ++this.loads;
        const cuts = await this.orm.call("fsm.order", "get_board_dashboard", []);
        if (load === this.loads) {
            this.state.cuts = cuts;
        }
    }

    openCut(key, extraFilter) {
        const context = {};
        if (extraFilter) {
            context[`search_default_${extraFilter}`] = 1;
        }
        this.action.doAction(CUT_ACTIONS[key], { additionalContext: context });
    }

    /** A figure in the user's language (decimal comma in Polish). */
    formatNumber(value) {
        return formatFloat(value, { digits: [16, 1] });
    }

    openCharts() {
        this.action.doAction("msom_tickets.action_msom_ticket_report");
    }

    openMap() {
        this.action.doAction("msom_tickets.action_msom_ticket_map");
    }
}

registry.category("actions").add("msom_tickets.dashboard", TicketDashboard);
