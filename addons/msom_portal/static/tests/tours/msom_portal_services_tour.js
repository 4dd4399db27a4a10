import { registry } from "@web/core/registry";

/** Back home, every service unfolded, then the card linking to `href`. */
function openCard(content, href) {
    return [
        {
            content,
            trigger: "a[href='/my/home']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Unfold all services and settings",
            trigger: ".msom_home_more_toggle",
            run: "click",
        },
        {
            trigger: `.o_portal_index_card a[href='${href}']`,
            run: "click",
            expectUnloadPage: true,
        },
    ];
}

registry.category("web_tour.tours").add("msom_portal_services_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the announcements from the home tile",
            trigger: ".msom_tile_announcements a:contains('1')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The unread announcement is marked as new",
            trigger: ".o_msom_announcements li:has(.o_msom_unread) a:contains('Wyłączenie wody')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Read the announcement",
            trigger: ".o_msom_announcement_body:contains('nie będzie wody')",
        },
        {
            content: "Back to the list: no longer new",
            trigger: "a.btn[href='/my/announcements']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_msom_announcements a:contains('Wyłączenie wody')",
        },
        {
            trigger: ".o_msom_announcements:not(:has(.o_msom_unread))",
        },
        {
            content: "Go to the chat with the office",
            trigger: "a[href='/my/home']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The chat tile counts the office's unread answer",
            trigger: ".msom_tile_chat a:contains('1')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The office's earlier answer is there",
            trigger: ".o_msom_chat_message:contains('Zapraszamy')",
        },
        {
            content: "Write to the office",
            trigger: ".o_msom_chat_input",
            run: "edit Kiedy będzie przegląd gazowy?",
        },
        {
            trigger: ".o_msom_chat_send",
            run: "click",
        },
        {
            content: "The message appears in the thread",
            trigger: ".o_msom_chat_message:contains('Kiedy będzie przegląd gazowy?')",
        },
        ...openCard("Personal data", "/my/personal"),
        {
            content: "A wrong phone number is refused in Polish, nothing lost",
            trigger: "input[name='phone']",
            run: "edit 12ab",
        },
        {
            trigger: "input[name='msom_correspondence_city']",
            run: "edit Kraków",
        },
        {
            trigger: ".o_msom_personal_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_msom_personal_error",
        },
        {
            trigger: "input[name='msom_correspondence_city'][value='Kraków']",
        },
        {
            content: "Ask for a new phone number",
            trigger: "input[name='phone']",
            run: "edit +48 601 222 333",
        },
        {
            trigger: ".o_msom_personal_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request waits for the office, with its history",
            trigger: ".o_msom_personal_pending",
        },
        {
            trigger: ".o_msom_change_request:contains('+48 601 222 333')",
        },
        ...openCard("Login history", "/my/login-history"),
        {
            content: "The failed attempt is listed",
            trigger: ".o_msom_login_history tr.table-danger",
        },
        {
            content: "The signed-in devices section offers log-out",
            trigger: ".o_msom_devices h2",
        },
    ],
});
