/* Copyright 2026 mSOM contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
/* The phone's queue of what the job pages captured, in IndexedDB: it outlives
 * a closed tab, a restarted phone and hours without signal. Items are kept in
 * the order they were captured (an increasing key). */

const DB_NAME = "msom_contractor_outbox";
const STORE = "items";

let opening = null;

function openDb() {
    if (!opening) {
        opening = new Promise((resolve, reject) => {
            const request = indexedDB.open(DB_NAME, 1);
            request.onupgradeneeded = () =>
                request.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
        });
        opening.catch(() => (opening = null));
    }
    return opening;
}

async function run(mode, action) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const request = action(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(request && request.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
    });
}

/** True where the browser keeps the queue (IndexedDB). */
export function outboxSupported() {
    return "indexedDB" in window;
}

/** Adds an item at the end of the queue; resolves to its key. */
export function addItem(item) {
    return run("readwrite", (store) => store.add(item));
}

/** Stores a changed item (same key). */
export function putItem(item) {
    return run("readwrite", (store) => store.put(item));
}

export function deleteItem(seq) {
    return run("readwrite", (store) => store.delete(seq));
}

/** Every item, oldest first. */
export function listItems() {
    return run("readonly", (store) => store.getAll());
}
