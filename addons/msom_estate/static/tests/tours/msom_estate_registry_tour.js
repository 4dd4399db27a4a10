/* Copyright 2026 mSOM contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("msom_estate_registry_tour", {
    steps: () => [
        {
            content: "Open the building",
            trigger: ".o_data_row td.o_data_cell:contains('ul. Wycieczkowa 3')",
            run: "click",
        },
        {
            content: "Open its units",
            trigger: "button[name='action_view_units']",
            run: "click",
        },
        {
            content: "Add a unit",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Number the unit",
            trigger: "div[name='unit_number'] input",
            run: "edit 15",
        },
        {
            content: "Enter its usable area",
            trigger: "div[name='usable_area'] input",
            run: "edit 52.30",
        },
        {
            content: "Enter its rooms",
            trigger: "div[name='room_count'] input",
            run: "edit 3",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The unit has its full name",
            trigger:
                "div[name='complete_name']:contains('Os. Wycieczkowe / ul. Wycieczkowa 3 / unit 15')",
        },
        {
            content: "Add an occupant",
            trigger: "div[name='occupancy_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Pick the owner",
            trigger: "div[name='occupancy_ids'] div[name='partner_id'] input",
            run: "edit Zofia Wycieczkowa",
        },
        {
            content: "Select her",
            trigger: ".o-autocomplete--dropdown-item:contains('Zofia Wycieczkowa')",
            run: "click",
        },
        {
            content: "Save the occupancy",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The occupant is listed as current",
            trigger: "div[name='occupancy_ids'] .o_data_row:contains('Zofia Wycieczkowa')",
        },
    ],
});
