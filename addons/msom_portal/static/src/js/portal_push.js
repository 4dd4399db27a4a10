import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { _t } from "@web/core/l10n/translation";

function base64ToUint8Array(base64String) {
    const padding = "=".repeat((4 - (base64String.length % 4)) % 4);
    const base64 = (base64String + padding).replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(base64);
    return Uint8Array.from([...raw].map((char) => char.charCodeAt(0)));
}

/** Registers the mBOK service worker (installable web app, web push). */
export class MsomServiceWorker extends Interaction {
    static selector = ".o_portal_wrap";

    setup() {
        if ("serviceWorker" in navigator && window.isSecureContext) {
            navigator.serviceWorker
                .register("/my/service-worker.js", { scope: "/my" })
                .catch((error) => console.warn("mBOK service worker:", error));
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
        this.supported =
            "serviceWorker" in navigator && "PushManager" in window && window.isSecureContext;
        if (this.supported && Notification.permission !== "denied") {
            this.el.querySelector(".o_msom_push_enable").classList.remove("d-none");
        }
    }

    setStatus(text) {
        this.el.querySelector(".o_msom_push_status").textContent = text;
    }

    async onEnable() {
        const permission = await this.waitFor(Notification.requestPermission());
        if (permission !== "granted") {
            this.setStatus(_t("Notifications are blocked in this browser."));
            return;
        }
        const registration = await this.waitFor(
            navigator.serviceWorker.register("/my/service-worker.js", { scope: "/my" })
        );
        await this.waitFor(navigator.serviceWorker.ready);
        const key = await this.waitFor(rpc("/my/push/vapid", {}));
        let subscription = await this.waitFor(registration.pushManager.getSubscription());
        if (!subscription) {
            subscription = await this.waitFor(
                registration.pushManager.subscribe({
                    userVisibleOnly: true,
                    applicationServerKey: base64ToUint8Array(key),
                })
            );
        }
        try {
            await this.waitFor(
                rpc("/my/push/subscribe", { ...subscription.toJSON(), vapid_public_key: key })
            );
        } catch (error) {
            // A push service the server refuses: say why (the server's message).
            if (!error.data?.message) {
                throw error;
            }
            this.setStatus(error.data.message);
            return;
        }
        this.setStatus(_t("Notifications are on for this device."));
    }
}

registry.category("public.interactions").add("msom_portal.service_worker", MsomServiceWorker);
registry.category("public.interactions").add("msom_portal.push_button", MsomPushButton);
