/* mBOK service worker: installability and web push for the resident portal. */
/* eslint-env serviceworker */
/* eslint-disable no-restricted-globals */

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// Network only: the portal is always live; the handler makes the app installable.
self.addEventListener("fetch", () => {});

self.addEventListener("push", (event) => {
    let payload = {};
    try {
        payload = event.data ? event.data.json() : {};
    } catch {
        payload = { title: event.data && event.data.text() };
    }
    const options = payload.options || {};
    options.icon = options.icon || "/msom_portal/static/src/img/mbok-192.png";
    event.waitUntil(self.registration.showNotification(payload.title || "mBOK", options));
});

self.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const data = event.notification.data || {};
    let url = "/my";
    if (data.model && data.res_id) {
        url = `/mail/view?model=${encodeURIComponent(data.model)}&res_id=${encodeURIComponent(data.res_id)}`;
    }
    event.waitUntil(self.clients.openWindow(url));
});
