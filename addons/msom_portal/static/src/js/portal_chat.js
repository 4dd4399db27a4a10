import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { _t } from "@web/core/l10n/translation";

// crypto.randomUUID needs HTTPS; getRandomValues works on plain HTTP too
const newToken = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
        byte.toString(16).padStart(2, "0")
    ).join("");

/**
 * The resident's chat with the office: sends through /my/chat/post and
 * receives the office's answers live from Odoo's bus (the resident's partner
 * channel, notification type "msom.conversation/message").
 */
export class MsomPortalChat extends Interaction {
    static selector = ".o_msom_chat";
    dynamicContent = {
        ".o_msom_chat_form": { "t-on-submit.prevent": this.onSubmit },
        ".o_msom_chat_input": { "t-on-keydown": this.onKeydown },
    };

    setup() {
        this.conversationId = parseInt(this.el.dataset.conversationId);
        this.listEl = this.el.querySelector(".o_msom_chat_messages");
        this.onBusMessage = this.onBusMessage.bind(this);
        const bus = this.services.bus_service;
        if (bus) {
            bus.subscribe("msom.conversation/message", this.onBusMessage);
            bus.start();
            this.registerCleanup(() =>
                bus.unsubscribe("msom.conversation/message", this.onBusMessage)
            );
        }
        this.scrollDown();
        // one-time token of the message being written: a double click or a
        // retried request posts it once (msom.submission)
        this.token = newToken();
    }

    scrollDown() {
        this.listEl.scrollTop = this.listEl.scrollHeight;
    }

    lastId() {
        const ids = [...this.listEl.querySelectorAll("[data-message-id]")].map((el) =>
            parseInt(el.dataset.messageId)
        );
        return ids.length ? Math.max(...ids) : 0;
    }

    addMessage(message) {
        if (this.listEl.querySelector(`[data-message-id="${message.id}"]`)) {
            return;
        }
        this.listEl.querySelector(".o_msom_chat_empty")?.remove();
        const li = document.createElement("li");
        li.dataset.messageId = message.id;
        li.className =
            "o_msom_chat_message mb-2 d-flex " +
            (message.from_resident ? "justify-content-end" : "justify-content-start");
        const bubble = document.createElement("div");
        bubble.className =
            "p-2 rounded " + (message.from_resident ? "bg-primary-subtle" : "bg-light border");
        bubble.style.maxWidth = "85%";
        const meta = document.createElement("div");
        meta.className = "small text-muted";
        meta.textContent = message.author;
        const body = document.createElement("div");
        body.className = "o_msom_chat_body";
        // the body is sanitised server side by mail.message (Html field)
        body.innerHTML = message.body;
        bubble.append(meta, body);
        li.append(bubble);
        this.listEl.append(li);
        this.scrollDown();
    }

    onBusMessage(payload) {
        if (payload.conversation_id === this.conversationId) {
            this.addMessage(payload);
        }
    }

    onKeydown(ev) {
        if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
            ev.preventDefault();
            this.onSubmit();
        }
    }

    async onSubmit() {
        const input = this.el.querySelector(".o_msom_chat_input");
        const errorEl = this.el.querySelector(".o_msom_chat_error");
        const button = this.el.querySelector(".o_msom_chat_send");
        errorEl.classList.add("d-none");
        if (!input.value.trim()) {
            errorEl.textContent = _t("Write a message before sending it.");
            errorEl.classList.remove("d-none");
            return;
        }
        button.disabled = true;
        try {
            const result = await this.waitFor(
                rpc("/my/chat/post", { body: input.value, token: this.token })
            );
            if (result.error) {
                errorEl.textContent = result.error;
                errorEl.classList.remove("d-none");
                return;
            }
            input.value = "";
            this.token = newToken();
            this.addMessage(result);
        } finally {
            button.disabled = false;
        }
    }
}

registry.category("public.interactions").add("msom_portal.chat", MsomPortalChat);
