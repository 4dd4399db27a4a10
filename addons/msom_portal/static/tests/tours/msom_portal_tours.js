// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

// A 1x1 PNG: the "photo from the camera".
const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

async function attachPhoto(input) {
    const blob = await (await fetch(`data:image/png;base64,${PNG}`)).blob();
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], "kran.png", { type: "image/png" }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

// The place of a ticket given as a pin instead of the `selectName` list.
function pinOnMapSteps(selectName) {
    return [
        {
            content: "Choose a pin on the map as the place",
            trigger: `select[name='${selectName}']`,
            run: "selectByLabel Pin on the map",
        },
        {
            content: "Set a pin on the map",
            trigger: ".msom_map.leaflet-container",
            run: "click",
        },
        {
            content: "The pin is set",
            trigger: ".msom_map.msom_pinned",
        },
    ];
}

function photoSteps() {
    return [
        {
            content: "Take a photo",
            trigger: "input[name='photos']",
            async run() {
                await attachPhoto(this.anchor);
            },
        },
        {
            content: "The photo preview appears",
            trigger: ".msom_photo_preview img",
        },
    ];
}

registry.category("web_tour.tours").add("msom_portal_resident_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The home page shows the balance tile",
            trigger: ".msom_tile_balance .msom_tile_value",
        },
        {
            content: "Unfold all services and settings",
            trigger: ".msom_home_more_toggle",
            run: "click",
        },
        {
            content: "Open my units",
            trigger: "a[href='/my/units']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the first unit",
            trigger: ".msom_unit_list a:first",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Copy the individual account number",
            trigger: ".msom_copy",
            run: "click",
        },
        {
            content: "The payment QR is shown",
            trigger: ".msom_payment_qr img",
        },
        {
            content: "Report a problem in this unit",
            trigger: "a[href^='/my/tickets/new']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The map is ready",
            trigger: ".msom_map.leaflet-container",
        },
        ...pinOnMapSteps("location_id"),
        {
            content: "Choose the kind of problem",
            trigger: "select[name='category_id']",
            run: "selectByLabel hydraulika (portal)",
        },
        {
            content: "Another resident's ticket on the same place: said to exist, not shown",
            trigger: ".msom_duplicates:not(.d-none) .msom_duplicate_others:not(.d-none)",
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name='description']",
            run: "edit Cieknie grzejnik w łazience",
        },
        ...photoSteps(),
        {
            content: "Allow entry when absent",
            trigger: "input[name='entry_permission']",
            run: "check",
        },
        {
            content: "Send",
            trigger: ".msom_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ticket is registered",
            trigger: ".alert-success:contains('has been registered')",
        },
        {
            content: "The photo is on the ticket",
            trigger: ".msom_ticket_documents a:contains('kran.png')",
        },
        {
            content: "Write to the office in the ticket's messages",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            // the chatter's bundle loads lazily (slow on a busy test machine)
            timeout: 60000,
            run: "edit Proszę o telefon przed wizytą",
        },
        {
            content: "Send the message",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The message is in the thread",
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('Proszę o telefon')",
        },
        {
            content: "Balances",
            trigger: "#chatterRoot:shadow .o-mail-Message",
            run: "goToUrl /my/balances?year=2025",
            expectUnloadPage: true,
        },
        {
            content: "The chart is drawn",
            trigger: ".msom_balance_chart rect.msom_bar_charges:not([height='0.0'])",
        },
        {
            content: "Payment calendar",
            trigger: ".msom_turnover_table",
            run: "goToUrl /my/payments/calendar",
            expectUnloadPage: true,
        },
        {
            content: "The iCal link can be copied",
            trigger: ".msom_copy[data-copy-target='#msom_ical_url']",
            run: "click",
        },
        {
            content: "Contact",
            trigger: ".msom_webcal",
            run: "goToUrl /my/contact",
            expectUnloadPage: true,
        },
        {
            content: "Emergency phones of the building",
            trigger: ".msom_emergency a[href^='tel:']",
        },
        {
            content: "Votes",
            trigger: "h1:contains('Contact')",
            run: "goToUrl /my/votes",
            expectUnloadPage: true,
        },
        {
            content: "The votes page",
            trigger: "h3:contains('Votes')",
        },
    ],
});

registry.category("web_tour.tours").add("msom_portal_payment_tour", {
    url: "/my/invoices",
    steps: () => [
        {
            content: "Filter by unit",
            trigger: ".msom_unit_filter a:not(.active):last",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Pay the invoice",
            trigger: "a[aria-label='Pay now']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the payment dialog",
            trigger: "a[data-bs-target='#pay_with']:visible, button[data-bs-target='#pay_with']:visible",
            run: "click",
        },
        {
            content: "Fill the demo card",
            trigger: "#pay_with input[name='customer_input']",
            run: "edit 4242424242424242",
        },
        {
            content: "Pay",
            trigger: "#pay_with button[name='o_payment_submit_button']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The payment is confirmed",
            trigger: ":contains('Your payment has been processed'), :contains('Paid')",
        },
    ],
});

registry.category("web_tour.tours").add("msom_portal_public_report_tour", {
    steps: () => [
        {
            content: "The QR code's place is filled in",
            trigger: ".msom_qr_place:contains('kl. I')",
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name='description']",
            run: "edit Nie świeci lampa na półpiętrze",
        },
        ...photoSteps(),
        {
            content: "Leave a name",
            trigger: "input[name='reporter_name']",
            run: "edit Przechodzień",
        },
        {
            content: "and a phone number for the answer",
            trigger: "input[name='reporter_phone']",
            run: "edit 600 100 200",
        },
        {
            content: "Send",
            trigger: ".msom_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The report is registered under a number",
            trigger: ".msom_thanks strong",
        },
        {
            content: "Report another problem, without a QR code",
            trigger: "a[href='/zgloszenie']",
            run: "click",
            expectUnloadPage: true,
        },
        ...pinOnMapSteps("building_id"),
        {
            content: "Describe the problem",
            trigger: "textarea[name='description']",
            run: "edit Dziura w chodniku przed budynkiem",
        },
        {
            content: "Leave an e-mail for the answer",
            trigger: "input[name='reporter_email']",
            run: "edit przechodzien@example.com",
        },
        {
            content: "Send",
            trigger: ".msom_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The second report is registered",
            trigger: ".msom_thanks strong",
        },
    ],
});
