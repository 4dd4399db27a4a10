/* Copyright 2026 mSOM contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
/* The one service worker of mSOM's phone pages. Each app registers it for its
 * own scope (the resident portal for /my, the contractor's pages for
 * /wykonawca/) with options in the script's query string:
 *   icon     the notification icon
 *   offline  "1": keep a copy of every page and file the app loads, and serve
 *            it when the network is gone (the contractor in a basement)
 * Without "offline" the pages are always live: the fetch handler is there
 * because browsers install a web app only with one. */
/* eslint-env serviceworker */
/* eslint-disable no-restricted-globals */

const OPTIONS = new URL(self.location.href).searchParams;
const OFFLINE = OPTIONS.get("offline") === "1";
const ICON = OPTIONS.get("icon") || undefined;
// One offline copy, shared by the registrations of one app (a website puts
// its language prefix in front of the same pages: /pl/wykonawca, /wykonawca).
const CACHE = "msom-offline-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/* Network first; a copy of each answer is kept for when the network is gone.
 * Only GET requests of our own site: forms and JSON calls are never replayed
 * from here (the pages queue them themselves). */
async function networkFirst(request) {
    const cache = await caches.open(CACHE);
    let response = null;
    try {
        response = await fetch(request);
    } catch (error) {
        // the copy was kept by a request with other headers (a prefetch);
        // else the same page or file with other parameters (?ok=..., ?hash=...)
        const copy =
            (await cache.match(request, { ignoreVary: true })) ||
            (await cache.match(request, { ignoreSearch: true, ignoreVary: true }));
        if (copy) {
            return copy;
        }
        throw error;
    }
    if (response.ok && response.type === "basic") {
        // a page reached through a redirect (the language prefix) is kept as
        // a plain answer: a browser does not show a redirected copy
        const copy = response.redirected
            ? new Response(await response.clone().blob(), {
                  status: response.status,
                  statusText: response.statusText,
                  headers: response.headers,
              })
            : response.clone();
        // an answer the cache refuses (Vary: *) is just not kept
        await cache.put(request, copy).catch(() => {});
    }
    return response;
}

self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (
        !OFFLINE ||
        request.method !== "GET" ||
        new URL(request.url).origin !== self.location.origin
    ) {
        return;
    }
    event.respondWith(networkFirst(request));
});

self.addEventListener("push", (event) => {
    let payload = {};
    try {
        payload = event.data ? event.data.json() : {};
    } catch {
        payload = { title: event.data && event.data.text() };
    }
    const options = payload.options || {};
    options.icon = options.icon || ICON;
    event.waitUntil(self.registration.showNotification(payload.title || "mSOM", options));
});

self.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const data = event.notification.data || {};
    // our own notifications carry the page; Odoo's the record
    let url = data.url || self.registration.scope;
    if (!data.url && data.model && data.res_id) {
        url = `/mail/view?model=${encodeURIComponent(data.model)}&res_id=${encodeURIComponent(data.res_id)}`;
    }
    event.waitUntil(self.clients.openWindow(url));
});
