/** @odoo-module **/
// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
/* global L */

import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { deserializeDateTime, formatDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useTicketLive } from "../live/ticket_live_service";

const WARSAW = [52.2297, 21.0122];

export class TicketMap extends Component {
    static template = "msom_tickets.TicketMap";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.mapRef = useRef("map");
        this.state = useState({
            ticketCount: 0,
            workerCount: 0,
            truncated: false,
            tilesFailed: false,
            noLeaflet: typeof L === "undefined",
        });
        // what arrives live before the map is drawn, applied once it is
        this.pendingLive = [];
        onWillStart(async () => {
            this.data = await this.orm.call("fsm.order", "get_map_data", []);
        });
        onMounted(() => this.renderMap());
        useTicketLive((batch) => this.applyLive(batch));
        onWillUnmount(() => this.map && this.map.remove());
    }

    renderMap() {
        const data = this.data;
        this.state.ticketCount = data.tickets.length;
        this.state.workerCount = data.workers.length;
        this.state.truncated = data.truncated;
        if (this.state.noLeaflet) {
            return;
        }
        this.map = L.map(this.mapRef.el).setView(WARSAW, 12);
        const tiles = L.tileLayer(data.tile_url, {
            maxZoom: 19,
            attribution: data.attribution,
        });
        let failures = 0;
        tiles.on("tileerror", () => {
            failures += 1;
            // The pins stay usable on a blank background.
            if (failures >= 3) {
                this.state.tilesFailed = true;
            }
        });
        tiles.on("tileload", () => {
            failures = 0;
            this.state.tilesFailed = false;
        });
        tiles.addTo(this.map);
        const ticketLayer = L.markerClusterGroup
            ? L.markerClusterGroup({ disableClusteringAtZoom: 16, chunkedLoading: true })
            : L.layerGroup();
        const workerLayer = L.layerGroup();
        this.ticketLayer = ticketLayer;
        this.workerLayer = workerLayer;
        this.ticketMarkers = new Map();
        this.workerMarkers = new Map();
        const bounds = [];
        for (const pin of data.tickets) {
            this.setTicket(pin);
            bounds.push([pin.lat, pin.lon]);
        }
        ticketLayer.addTo(this.map);
        for (const worker of data.workers) {
            this.setWorker(worker);
            bounds.push([worker.lat, worker.lon]);
        }
        workerLayer.addTo(this.map);
        L.control
            .layers(null, { [_t("Tickets")]: ticketLayer, [_t("Workers")]: workerLayer })
            .addTo(this.map);
        if (bounds.length) {
            this.map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] });
        }
        for (const batch of this.pendingLive.splice(0)) {
            this.applyLive(batch);
        }
    }

    /** Add or update a ticket's pin (position, stage colour, overdue ring). */
    setTicket(pin) {
        const stage = this.data.stages[pin.stage_id] || {};
        const style = {
            radius: 8,
            color: pin.overdue ? "#d32f2f" : "#37474f",
            weight: pin.overdue ? 3 : 1,
            fillColor: stage.color || "#3388ff",
            fillOpacity: 0.9,
        };
        let marker = this.ticketMarkers.get(pin.id);
        if (marker) {
            marker.setLatLng([pin.lat, pin.lon]);
            marker.setStyle(style);
        } else {
            marker = L.circleMarker([pin.lat, pin.lon], style);
            this.ticketMarkers.set(pin.id, marker);
            this.ticketLayer.addLayer(marker);
        }
        marker.bindPopup(() => this.ticketPopup(pin, this.data.stages[pin.stage_id] || {}));
    }

    /** Add or move a worker's marker; the initials are text, never HTML. */
    setWorker(worker) {
        let marker = this.workerMarkers.get(worker.id);
        if (!marker) {
            const initials = document.createElement("span");
            initials.className = "badge text-bg-dark";
            initials.textContent = worker.name
                .split(" ")
                .map((w) => w[0])
                .join("");
            const icon = L.divIcon({ className: "o_msom_worker_pin", html: initials });
            marker = L.marker([worker.lat, worker.lon], { icon });
            this.workerMarkers.set(worker.id, marker);
            this.workerLayer.addLayer(marker);
        }
        marker.setLatLng([worker.lat, worker.lon]);
        // the server sends UTC; the user reads it in their own time zone
        const lastPosition = _t("Last position: %s", formatDateTime(deserializeDateTime(worker.time)));
        // the tooltip of the marker (title attributes are text, not HTML)
        marker.options.title = `${worker.name} · ${lastPosition}`;
        marker.getElement()?.setAttribute("title", marker.options.title);
        const popup = document.createElement("div");
        const title = document.createElement("strong");
        title.textContent = worker.name;
        const company = document.createElement("div");
        company.textContent = worker.company || "";
        const time = document.createElement("div");
        time.className = "small text-muted";
        time.textContent = lastPosition;
        popup.append(title, company, time);
        marker.bindPopup(popup);
    }

    /** Live events: move, recolour, add and remove without a reload. */
    applyLive(batch) {
        if (this.state.noLeaflet) {
            return;
        }
        if (!this.map) {
            this.pendingLive.push(batch);
            return;
        }
        const { events, workers } = batch;
        for (const event of events) {
            this.data.stages[event.stage_id] ||= { color: event.color, name: event.stage };
            const marker = this.ticketMarkers.get(event.id);
            if (event.open && (event.lat || event.lon)) {
                this.setTicket(event);
            } else if (marker) {
                this.ticketLayer.removeLayer(marker);
                this.ticketMarkers.delete(event.id);
            }
        }
        for (const worker of workers) {
            const known = this.data.workers.findIndex((w) => w.id === worker.id);
            const marker = this.workerMarkers.get(worker.id);
            if (worker.time) {
                this.data.workers.splice(known < 0 ? this.data.workers.length : known, 1, worker);
                this.setWorker(worker);
            } else if (marker) {
                this.data.workers.splice(known, 1);
                this.workerLayer.removeLayer(marker);
                this.workerMarkers.delete(worker.id);
            }
        }
        this.state.ticketCount = this.ticketMarkers.size;
        this.state.workerCount = this.workerMarkers.size;
    }

    ticketPopup(pin, stage) {
        const root = document.createElement("div");
        root.className = "o_msom_ticket_popup";
        const link = document.createElement("a");
        link.href = "#";
        link.className = "fw-bold";
        link.textContent = pin.name;
        link.addEventListener("click", (ev) => {
            ev.preventDefault();
            this.openTicket(pin.id);
        });
        const info = document.createElement("div");
        info.textContent = `${stage.name || ""} · ${pin.group}`;
        root.append(link, info);
        if (pin.overdue) {
            const overdue = document.createElement("div");
            overdue.className = "text-danger";
            overdue.textContent = _t("Overdue");
            root.append(overdue);
        }
        if (this.data.workers.length) {
            const select = document.createElement("select");
            select.className = "form-select form-select-sm mt-2 o_msom_assign_worker";
            const empty = document.createElement("option");
            empty.value = "";
            empty.textContent = _t("Assign a worker…");
            select.append(empty);
            for (const worker of this.data.workers) {
                const option = document.createElement("option");
                option.value = worker.id;
                option.textContent = `${worker.name} (${worker.company || ""})`;
                option.selected = worker.id === pin.worker_id;
                select.append(option);
            }
            select.addEventListener("change", () => this.assign(pin, parseInt(select.value)));
            root.append(select);
        }
        return root;
    }

    async assign(pin, workerId) {
        if (!workerId) {
            return;
        }
        await this.orm.call("fsm.order", "action_assign_worker", [[pin.id], workerId]);
        pin.worker_id = workerId;
        this.notification.add(_t("Worker assigned to %s.", pin.name), { type: "success" });
    }

    openTicket(id) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "fsm.order",
            res_id: id,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("msom_tickets.map", TicketMap);
