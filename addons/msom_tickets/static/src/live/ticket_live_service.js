// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { onWillDestroy, reactive } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";

const { DateTime } = luxon;

/** What the client asks the bus for; the server grants the channels of the
 * operator's companies (msom_tickets/models/ir_websocket.py). */
const CHANNEL = "msom.tickets.live";
/** Views refresh at most once per REFRESH_MS, however many events arrive. */
export const REFRESH_MS = 1000;
const FEED_SIZE = 20;
const NOTIFY_KEY = "msom_tickets.live_notifications";
const SLA_WARNING_MINUTES = 30;
const SLA_CHECK_MS = 60000;
/** How long a new ticket's card flashes once it is drawn (the CSS animation). */
const HIGHLIGHT_MS = 3000;
/** A new ticket no open view shows (filtered out) is forgotten after this. */
const FRESH_MS = 60000;

export const EVENT_LABELS = {
    created: _t("reported"),
    new: _t("back to new"),
    accepted: _t("accepted"),
    forwarded: _t("forwarded for execution"),
    job_accepted: _t("accepted for execution"),
    in_progress: _t("started"),
    on_hold: _t("put on hold"),
    done: _t("done"),
    closed: _t("closed"),
    rejected: _t("rejected"),
    rated: _t("rated"),
    reopened: _t("reopened"),
    assigned: _t("assigned"),
};

export const ticketLiveService = {
    dependencies: ["bus_service", "orm"],
    start(env, { bus_service: bus, orm }) {
        const listeners = new Set();
        const state = reactive({
            feed: [],
            unseen: 0,
            notify: browser.localStorage.getItem(NOTIFY_KEY) === "1",
            active: false,
            positionsAt: null,
            // new tickets whose card or row has not finished flashing
            fresh: {},
        });
        let events = [];
        const shownFresh = new Set();
        let workers = new Map();
        let timer = null;
        let lastFlush = 0;
        const slaWarned = new Set();

        function flush() {
            timer = null;
            lastFlush = Date.now();
            const batch = { events, workers: [...workers.values()] };
            events = [];
            workers = new Map();
            for (const listener of listeners) {
                listener(batch);
            }
        }

        function schedule() {
            if (!timer) {
                const wait = Math.max(0, lastFlush + REFRESH_MS - Date.now());
                timer = browser.setTimeout(flush, wait);
            }
        }

        function forgetFresh(id) {
            if (!shownFresh.has(id)) {
                delete state.fresh[id];
            }
        }

        function notify(title, body, tag) {
            const Notification = browser.Notification;
            if (state.notify && Notification && Notification.permission === "granted") {
                new Notification(title, { body, tag });
            }
        }

        function onChanged({ events: incoming }) {
            events.push(...incoming);
            for (const event of incoming) {
                state.feed.unshift({ ...event, key: `${event.id}-${event.kind}-${event.at}` });
                if (event.kind === "created") {
                    state.fresh[event.id] = true;
                    browser.setTimeout(() => forgetFresh(event.id), FRESH_MS);
                    notify(_t("New ticket %s", event.name), event.group, `msom-ticket-${event.id}`);
                }
            }
            state.feed.splice(FEED_SIZE);
            state.unseen += incoming.length;
            schedule();
        }

        function onPositions({ workers: incoming, at }) {
            state.positionsAt = at;
            for (const worker of incoming) {
                workers.set(worker.id, worker);
            }
            schedule();
        }

        async function warnSla() {
            if (!state.notify) {
                return;
            }
            const now = DateTime.utc();
            const soon = await orm.searchRead(
                "fsm.order",
                [
                    ["ticket_state", "in", ["new", "accepted", "forwarded", "in_progress", "on_hold"]],
                    ["sla_deadline", ">", now.toFormat("yyyy-MM-dd HH:mm:ss")],
                    [
                        "sla_deadline",
                        "<=",
                        now.plus({ minutes: SLA_WARNING_MINUTES }).toFormat("yyyy-MM-dd HH:mm:ss"),
                    ],
                ],
                ["name"],
                { limit: 20 }
            );
            for (const ticket of soon.filter((t) => !slaWarned.has(t.id))) {
                slaWarned.add(ticket.id);
                notify(
                    _t("SLA of %s about to be missed", ticket.name),
                    _t("Less than %s minutes left.", SLA_WARNING_MINUTES),
                    `msom-sla-${ticket.id}`
                );
            }
        }

        user.hasGroup("msom_estate.group_msom_operator").then((isOperator) => {
            if (!isOperator) {
                return;
            }
            state.active = true;
            bus.subscribe("msom.tickets/changed", onChanged);
            bus.subscribe("msom.tickets/positions", onPositions);
            bus.addChannel(CHANNEL);
            browser.setInterval(warnSla, SLA_CHECK_MS);
        });

        return {
            state,
            /** A view drew the new ticket ``id``: it stops flashing soon. */
            shown(id) {
                if (!shownFresh.has(id)) {
                    shownFresh.add(id);
                    browser.setTimeout(() => {
                        delete state.fresh[id];
                        shownFresh.delete(id);
                    }, HIGHLIGHT_MS);
                }
            },
            /** Call ``callback({events, workers})`` at most once per second. */
            listen(callback) {
                listeners.add(callback);
                return () => listeners.delete(callback);
            },
            async setNotify(enabled) {
                const Notification = browser.Notification;
                if (enabled && Notification && Notification.permission !== "granted") {
                    enabled = (await Notification.requestPermission()) === "granted";
                }
                state.notify = enabled;
                browser.localStorage.setItem(NOTIFY_KEY, enabled ? "1" : "0");
                return enabled;
            },
        };
    },
};

/** Listen to live ticket events from the component's setup on: events that
 * come while its first data are loading reach it too (views in Odoo 19 are
 * mounted before their data are there: each listener waits for its own). */
export function useTicketLive(callback) {
    const live = useService("msom_tickets.live");
    onWillDestroy(live.listen(callback));
    return live;
}

registry.category("services").add("msom_tickets.live", ticketLiveService);
