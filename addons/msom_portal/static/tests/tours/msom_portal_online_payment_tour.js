// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

// Odoo's payment form with the demo provider: card data, then "Pay".
const payWithDemo = () => [
    {
        content: "Odoo's payment form with the demo provider",
        trigger: "#o_payment_form input[name='customer_input']",
        run: "edit 4242424242424242",
    },
    {
        content: "Pay",
        trigger: "button[name='o_payment_submit_button']",
        run: "click",
        expectUnloadPage: true,
    },
    {
        content: "The payment is confirmed and booked",
        trigger: ".msom_pay_done",
        timeout: 30000,
    },
];

registry.category("web_tour.tours").add("msom_portal_pay_notice_tour", {
    steps: () => [
        {
            content: "Pay the latest charge notice online",
            trigger: ".msom_charge_documents li:first .msom_pay_online",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The notice's open amount is to pay",
            trigger: ".msom_pay_page .msom_pay_amount",
        },
        ...payWithDemo(),
        {
            content: "Back to the balances",
            trigger: ".msom_pay_confirmation a[href^='/my/balances/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The notice is paid: nothing left to pay on it",
            trigger: ".msom_charge_documents li:first:not(:has(.msom_pay_online))",
        },
    ],
});

registry.category("web_tour.tours").add("msom_portal_pay_unit_tour", {
    steps: () => [
        {
            content: "Pay the unit's dues online",
            trigger: ".msom_unit_page .msom_pay_online",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The amount due now is to pay",
            trigger: ".msom_pay_page .msom_pay_amount",
        },
        ...payWithDemo(),
        {
            content: "Nothing is due any more",
            trigger: ".msom_pay_balance:contains('0,00'), .msom_pay_balance:contains('0.00')",
        },
    ],
});
