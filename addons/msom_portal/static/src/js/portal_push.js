import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { _t } from "@web/core/l10n/translation";
import {
    pushSupported,
    registerServiceWorker,
    serviceWorkerSupported,
    subscribePush,
} from "@msom_estate/webapp/webapp";

const SCOPE = "/my";
const OPTIONS = { icon: "/msom_portal/static/src/img/mbok-192.png" };

/** Registers mSOM's service worker for the portal (installable web app, web push). */
export class MsomServiceWorker extends Interaction {
    static selector = ".o_portal_wrap";

    setup() {
        if (serviceWorkerSupported()) {
            registerServiceWorker(SCOPE, OPTIONS).catch((error) =>
                console.warn("mBOK service worker:", error)
            );
        }
    }
}

/** "Notify me on this device": subscribes to web push (Odoo's VAPID keys). */
export class MsomPushButton extends Interaction {
    static selector = ".o_msom_push";
    dynamicContent = {
        ".o_msom_push_enable": { "t-on-click": this.onEnable },
    };

    setup() {
        if (pushSupported() && Notification.permission !== "denied") {
            this.el.querySelector(".o_msom_push_enable").classList.remove("d-none");
        }
    }

    setStatus(text) {
        this.el.querySelector(".o_msom_push_status").textContent = text;
    }

    async onEnable() {
        let subscribed;
        try {
            const registration = await this.waitFor(registerServiceWorker(SCOPE, OPTIONS));
            subscribed = await this.waitFor(subscribePush(registration));
        } catch (error) {
            // A push service the server refuses: say why (the server's message).
            if (!error.data?.message) {
                throw error;
            }
            this.setStatus(error.data.message);
            return;
        }
        this.setStatus(
            subscribed
                ? _t("Notifications are on for this device.")
                : _t("Notifications are blocked in this browser.")
        );
    }
}

registry.category("public.interactions").add("msom_portal.service_worker", MsomServiceWorker);
registry.category("public.interactions").add("msom_portal.push_button", MsomPushButton);
