/** @odoo-module **/
// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("msom_tickets_board_tour", {
    url: "/odoo/msom-tickets",
    steps: () => [
        {
            content: "The board shows the tickets by stage; the overdue one is red",
            trigger: ".o_kanban_group .o_kanban_record:contains(ZG-TOUR-OLD) .o_msom_overdue",
        },
        {
            content: "Create a ticket",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "Where is the problem",
            trigger: ".o_field_widget[name=location_id] input",
            run: "edit Tourowa",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains(Tourowa)",
            run: "click",
        },
        {
            content: "Case group",
            trigger: ".o_field_widget[name=category_id] input",
            run: "edit tour-hydraulika",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains(tour-hydraulika)",
            run: "click",
        },
        {
            content: "The group proposes its contractor company",
            trigger: ".o_field_widget[name=contractor_id] input:value(Tour-Hydro)",
        },
        {
            content: "Assign the worker",
            trigger: ".o_field_widget[name=person_id] input",
            run: "edit Tourowy",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains(Tourowy)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Forward for execution",
            trigger: "button[name=action_msom_forward]",
            run: "click",
        },
        {
            content: "Forwarded: the contractor may start",
            trigger: "button[name=action_msom_start]",
        },
    ],
});

registry.category("web_tour.tours").add("msom_tickets_map_tour", {
    url: "/odoo/msom-ticket-map",
    steps: () => [
        {
            content: "The map shows the open ticket and the worker",
            trigger: ".o_msom_map_ticket_count:contains(1 open)",
        },
        {
            content: "Tiles cannot load here: the map says so and keeps the pins",
            trigger: ".o_msom_tiles_failed",
        },
        {
            content: "The worker's initials are shown as text, not as markup",
            trigger: ".o_msom_worker_pin .badge:not(:has(b))",
        },
        {
            content: "Click the ticket's pin",
            trigger: ".leaflet-overlay-pane path.leaflet-interactive",
            run: "click",
        },
        {
            content: "Open the ticket from its popup",
            trigger: ".o_msom_ticket_popup a:contains(ZG-MAP-1)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name]:contains(ZG-MAP-1)",
        },
    ],
});

registry.category("web_tour.tours").add("msom_tickets_dashboard_tour", {
    url: "/odoo/msom-ticket-dashboard",
    steps: () => [
        {
            content: "Every cut shows its counters; one ticket is overdue today",
            trigger: ".card[data-cut=today] .o_msom_overdue_count:contains(1)",
        },
        {
            trigger: ".card[data-cut=all] .o_msom_cut_total",
        },
        {
            content: "Open the overdue tickets of the cut",
            trigger: ".card[data-cut=today] .o_msom_overdue_count",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(ZG-DASH-1)",
        },
    ],
});
