/* Copyright 2026 mSOM contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import { rpc } from "@web/core/network/rpc";

/** True where the browser can run a service worker (HTTPS or localhost). */
export function serviceWorkerSupported() {
    return "serviceWorker" in navigator && window.isSecureContext;
}

/** True where the browser can also receive web push. */
export function pushSupported() {
    return serviceWorkerSupported() && "PushManager" in window && "Notification" in window;
}

/**
 * Registers mSOM's one service worker for `scope`.
 * @param {string} scope the app's part of the site ("/my", "/wykonawca/")
 * @param {{icon?: string, offline?: boolean}} options
 * @returns {Promise<ServiceWorkerRegistration>}
 */
export function registerServiceWorker(scope, { icon, offline } = {}) {
    const params = new URLSearchParams();
    if (icon) {
        params.set("icon", icon);
    }
    if (offline) {
        params.set("offline", "1");
    }
    const query = params.toString();
    return navigator.serviceWorker.register(
        `/msom/service-worker.js${query ? `?${query}` : ""}`,
        { scope }
    );
}

function base64ToUint8Array(base64String) {
    const padding = "=".repeat((4 - (base64String.length % 4)) % 4);
    const base64 = (base64String + padding).replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(base64);
    return Uint8Array.from([...raw].map((char) => char.charCodeAt(0)));
}

/**
 * Asks for permission and subscribes this browser to web push (Odoo's VAPID
 * keys, mail.push.device).
 * @param {ServiceWorkerRegistration} registration
 * @returns {Promise<boolean>} false when the user did not allow notifications
 */
export async function subscribePush(registration) {
    if ((await Notification.requestPermission()) !== "granted") {
        return false;
    }
    await navigator.serviceWorker.ready;
    const key = await rpc("/msom/push/vapid", {});
    let subscription = await registration.pushManager.getSubscription();
    if (!subscription) {
        subscription = await registration.pushManager.subscribe({
            userVisibleOnly: true,
            applicationServerKey: base64ToUint8Array(key),
        });
    }
    await rpc("/msom/push/subscribe", { ...subscription.toJSON(), vapid_public_key: key });
    return true;
}
