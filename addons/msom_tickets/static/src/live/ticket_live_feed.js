// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { Component, useState } from "@odoo/owl";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { deserializeDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { EVENT_LABELS } from "./ticket_live_service";

const { DateTime } = luxon;

/** The operator's feed of the last ticket events, in the systray. */
export class TicketLiveFeed extends Component {
    static template = "msom_tickets.TicketLiveFeed";
    static components = { Dropdown };
    static props = {};

    setup() {
        this.live = useService("msom_tickets.live");
        this.action = useService("action");
        this.state = useState(this.live.state);
    }

    label(event) {
        return EVENT_LABELS[event.kind] || event.kind;
    }

    time(event) {
        return deserializeDateTime(event.at).toLocaleString(DateTime.TIME_SIMPLE);
    }

    onOpen() {
        this.state.unseen = 0;
    }

    openTicket(event) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "fsm.order",
            res_id: event.id,
            views: [[false, "form"]],
        });
    }

    async toggleNotifications(ev) {
        ev.target.checked = await this.live.setNotify(ev.target.checked);
    }
}

registry
    .category("systray")
    .add("msom_tickets.live_feed", { Component: TicketLiveFeed }, { sequence: 30 });
