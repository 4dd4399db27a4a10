// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

// A 1x1 PNG: the photo of the meter.
const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

registry.category("web_tour.tours").add("msom_portal_billing_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the documents from the home tile",
            trigger: ".msom_tile_documents a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The contract of the unit is listed with its file",
            trigger: ".o_msom_document:contains('Umowa o ustanowienie prawa') .o_msom_document_file",
        },
        {
            content: "The interest note has its PDF",
            trigger: ".o_msom_interest_note a[href$='/pdf']",
        },
        {
            content: "Open the debt-collection file",
            trigger: ".o_msom_case_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The court case is in the file",
            trigger: ".o_msom_court_case:contains('I Nc 123/25')",
        },
        {
            content: "Consents",
            trigger: "h1:contains('Debt-collection file')",
            run: "goToUrl /my",
            expectUnloadPage: true,
        },
        {
            trigger: ".msom_tile_consents a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Grant the e-reading consent",
            trigger: ".o_msom_consent_ereading .o_msom_consent_grant",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Granted, and recorded in the history",
            trigger: ".o_msom_consent_ereading .o_msom_consent_withdraw",
        },
        {
            trigger: ".o_msom_consent_history tbody tr",
        },
        {
            content: "Meters",
            trigger: ".o_msom_consent_message",
            run: "goToUrl /my",
            expectUnloadPage: true,
        },
        {
            content: "The meters tile says a reading is due",
            trigger: ".msom_tile_meters a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_msom_meter:contains('ZW-P-0001') .badge",
        },
        {
            trigger: ".o_msom_meter_link:contains('ZW-P-0001')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The consumption chart is drawn by the server",
            trigger: ".msom_consumption_chart rect",
        },
        {
            content: "A reading lower than the last one",
            trigger: "input[name='value']",
            run: "edit 100",
        },
        {
            trigger: ".o_msom_reading_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "is refused with a clear message, the value kept",
            trigger: ".o_msom_reading_error",
        },
        {
            trigger: "input[name='value'][value='100']",
            run: "edit 112,5",
        },
        {
            content: "Attach a photo of the meter",
            trigger: "input[name='photo']",
            async run() {
                const blob = await (await fetch(`data:image/png;base64,${PNG}`)).blob();
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], "licznik.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            trigger: ".o_msom_reading_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The reading is saved and in the history",
            trigger: ".o_msom_reading_saved",
        },
        {
            trigger: ".o_msom_readings td:contains('You')",
        },
    ],
});
