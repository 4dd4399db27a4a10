/** @odoo-module **/
// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
/* global L */

import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

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
        onWillStart(async () => {
            this.data = await this.orm.call("fsm.order", "get_map_data", []);
        });
        onMounted(() => this.renderMap());
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
        const bounds = [];
        for (const pin of data.tickets) {
            const stage = data.stages[pin.stage_id] || {};
            const marker = L.circleMarker([pin.lat, pin.lon], {
                radius: 8,
                color: pin.overdue ? "#d32f2f" : "#37474f",
                weight: pin.overdue ? 3 : 1,
                fillColor: stage.color || "#3388ff",
                fillOpacity: 0.9,
            });
            marker.bindPopup(() => this.ticketPopup(pin, stage));
            ticketLayer.addLayer(marker);
            bounds.push([pin.lat, pin.lon]);
        }
        ticketLayer.addTo(this.map);
        const workerLayer = L.layerGroup();
        for (const worker of data.workers) {
            // Workers name themselves: their initials go in as text, never as markup.
            const badge = document.createElement("span");
            badge.className = "badge text-bg-dark";
            badge.textContent = worker.name
                .split(" ")
                .map((word) => word.charAt(0))
                .join("");
            const icon = L.divIcon({ className: "o_msom_worker_pin", html: badge });
            const marker = L.marker([worker.lat, worker.lon], { icon });
            const popup = document.createElement("div");
            const title = document.createElement("strong");
            title.textContent = worker.name;
            const company = document.createElement("div");
            company.textContent = worker.company || "";
            const time = document.createElement("div");
            time.className = "small text-muted";
            time.textContent = _t("Last position: %s UTC", worker.time);
            popup.append(title, company, time);
            marker.bindPopup(popup);
            workerLayer.addLayer(marker);
            bounds.push([worker.lat, worker.lon]);
        }
        workerLayer.addTo(this.map);
        L.control
            .layers(null, { [_t("Tickets")]: ticketLayer, [_t("Workers")]: workerLayer })
            .addTo(this.map);
        if (bounds.length) {
            this.map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] });
        }
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
