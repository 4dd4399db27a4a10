/* Copyright 2026 mSOM contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
/* mWykonawca: the contractor's pages as an offline-capable phone app.
 * Without JavaScript the forms post as usual; with it, what the worker does
 * on a job page goes through the phone's queue (outbox.js) so that it
 * survives a basement without signal. */

import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import {
    pushSupported,
    registerServiceWorker,
    serviceWorkerSupported,
    subscribePush,
} from "@msom_estate/webapp/webapp";

const PING_INTERVAL_MS = 120000;
const SCOPE = "/wykonawca";

/** The contractor's pages, and the same behind the language prefix a website
 * may add (/pl/wykonawca): links lead to the former, the site to the latter. */
function contractorScopes() {
    const prefixed = window.location.pathname.replace(/(\/wykonawca).*$/, "$1");
    return prefixed === SCOPE ? [SCOPE] : [SCOPE, prefixed];
}

function registerContractorWorker() {
    return Promise.all(
        contractorScopes().map((scope) => registerServiceWorker(scope, { offline: true }))
    );
}
// pages of the job list the phone keeps for offline use
const PREFETCH_JOBS = 20;

/** Puts into the service worker's offline copy what it does not have yet:
 * this page and its files (loaded before the worker took over) and the pages
 * a worker opens next (the protocol form, the listed jobs). */
async function keepForOffline(root) {
    const container = navigator.serviceWorker;
    await container.ready;
    if (!container.controller) {
        await new Promise((resolve) =>
            container.addEventListener("controllerchange", resolve, { once: true })
        );
    }
    // the page, also under the address its links use (without a prefix)
    const prefix = window.location.pathname.slice(0, window.location.pathname.indexOf(SCOPE));
    const urls = new Set([window.location.href, window.location.href.replace(prefix + SCOPE, SCOPE)]);
    for (const entry of performance.getEntriesByType("resource")) {
        const url = new URL(entry.name);
        // files of the page, and the translations the page boots with (not
        // the JSON calls, which are posts)
        const file = !["fetch", "xmlhttprequest", "beacon"].includes(entry.initiatorType);
        if (
            url.origin === window.location.origin &&
            (file || url.pathname.endsWith("/translations"))
        ) {
            urls.add(url.href);
        }
    }
    for (const link of root.querySelectorAll("a[data-msom-offline]")) {
        urls.add(link.href);
    }
    const jobs = [...root.querySelectorAll("a.o_msom_job")].slice(0, PREFETCH_JOBS);
    if (!navigator.connection?.saveData) {
        jobs.forEach((link) => urls.add(link.href));
    }
    // what the phone has already is refreshed when it is opened again
    const missing = async (url) => !(await caches.match(url, { ignoreVary: true }));
    await Promise.allSettled(
        [...urls].map(
            async (url) => (await missing(url)) && fetch(url, { credentials: "same-origin" })
        )
    );
    root.dataset.msomOfflineReady = "1";
}

/** Every contractor page: the service worker (offline copy, web push) and the
 * position ping. */
export class MsomContractorApp extends Interaction {
    static selector = ".o_msom_contractor";

    setup() {
        if (serviceWorkerSupported()) {
            registerContractorWorker().catch((error) =>
                console.warn("mWykonawca service worker:", error)
            );
            if (navigator.onLine) {
                keepForOffline(this.el).catch(() => {});
            }
        }
        const flag = this.el.querySelector(".o_msom_geo");
        if (flag && flag.dataset.enabled === "1" && navigator.geolocation) {
            this.ping();
            const interval = setInterval(() => this.ping(), PING_INTERVAL_MS);
            this.registerCleanup(() => clearInterval(interval));
        }
    }

    /** The position, only while the page is visible and online (sharing is on). */
    ping() {
        if (document.visibilityState !== "visible" || !navigator.onLine) {
            return;
        }
        navigator.geolocation.getCurrentPosition(
            (position) =>
                rpc(
                    "/wykonawca/pozycja",
                    {
                        latitude: position.coords.latitude,
                        longitude: position.coords.longitude,
                    },
                    { silent: true }
                ).catch(() => {}),
            () => {},
            { enableHighAccuracy: false, maximumAge: 60000, timeout: 20000 }
        );
    }
}

/** "Notify me about new jobs on this phone" (web push). */
export class MsomPushCard extends Interaction {
    static selector = ".o_msom_push_card";
    dynamicContent = {
        ".o_msom_push_enable": { "t-on-click": this.onEnable },
    };

    setup() {
        if (pushSupported() && Notification.permission === "default") {
            this.el.classList.remove("d-none");
        }
    }

    async onEnable() {
        const [registration] = await this.waitFor(registerContractorWorker());
        await this.waitFor(subscribePush(registration));
        this.el.classList.add("d-none");
    }
}

/** The protocol form: the resident's signature drawn with a finger, the
 * "resident absent" switch and more material lines. */
export class MsomProtocolForm extends Interaction {
    static selector = ".o_msom_protocol_form";
    dynamicContent = {
        ".o_msom_absent": { "t-on-change": this.toggleAbsent },
        ".o_msom_add_material": { "t-on-click": this.addMaterial },
        ".o_msom_signature_clear": { "t-on-click": this.clearSignature },
        ".o_msom_signature_canvas": {
            "t-on-pointerdown": this.onPointerDown,
            "t-on-pointermove": this.onPointerMove,
            "t-on-pointerup": this.onPointerUp,
            "t-on-pointerleave": this.onPointerUp,
        },
    };

    setup() {
        this.canvas = this.el.querySelector(".o_msom_signature_canvas");
        this.value = this.el.querySelector(".o_msom_signature_value");
        this.ctx = this.canvas.getContext("2d");
        this.drawing = false;
        this.drawn = false;
        const ratio = window.devicePixelRatio || 1;
        this.canvas.width = Math.max(this.canvas.clientWidth, 300) * ratio;
        this.canvas.height = 200 * ratio;
        this.canvas.style.touchAction = "none";
        Object.assign(this.ctx, {
            lineWidth: 2.5,
            lineCap: "round",
            lineJoin: "round",
            strokeStyle: "#102a5c",
        });
        this.ctx.scale(ratio, ratio);
        this.toggleAbsent();
    }

    point(event) {
        const rect = this.canvas.getBoundingClientRect();
        return [event.clientX - rect.left, event.clientY - rect.top];
    }

    onPointerDown(event) {
        this.drawing = true;
        this.ctx.beginPath();
        this.ctx.moveTo(...this.point(event));
        event.preventDefault();
    }

    onPointerMove(event) {
        if (!this.drawing) {
            return;
        }
        this.ctx.lineTo(...this.point(event));
        this.ctx.stroke();
        this.drawn = true;
        event.preventDefault();
    }

    onPointerUp() {
        this.drawing = false;
        // the drawing is in the form at once: the form may be queued offline
        if (this.drawn) {
            this.value.value = this.canvas.toDataURL("image/png");
        }
    }

    clearSignature() {
        this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
        this.value.value = "";
        this.drawn = false;
    }

    toggleAbsent() {
        const absent = this.el.querySelector(".o_msom_absent").checked;
        this.el.querySelector(".o_msom_present").classList.toggle("d-none", absent);
        this.el.querySelector(".o_msom_absent_reason").classList.toggle("d-none", !absent);
    }

    addMaterial() {
        const rows = this.el.querySelectorAll(".o_msom_material_row");
        const clone = rows[rows.length - 1].cloneNode(true);
        clone.querySelectorAll("input").forEach((input) => (input.value = ""));
        rows[rows.length - 1].after(clone);
    }
}

/** Voice notes recorded in the browser (MediaRecorder), queued like a file
 * chosen in the form. */
export class MsomVoiceRecorder extends Interaction {
    static selector = ".o_msom_voice_form";
    dynamicContent = {
        ".o_msom_record": { "t-on-click": this.onRecord },
    };

    setup() {
        this.button = this.el.querySelector(".o_msom_record");
        this.recorder = null;
        if (window.MediaRecorder && navigator.mediaDevices) {
            this.button.classList.remove("d-none");
        }
    }

    async onRecord() {
        if (this.recorder && this.recorder.state === "recording") {
            this.recorder.stop();
            return;
        }
        const label = this.button.querySelector(".o_msom_record_label");
        const startText = label.textContent;
        let stream = null;
        try {
            stream = await this.waitFor(navigator.mediaDevices.getUserMedia({ audio: true }));
        } catch {
            this.button.disabled = true;
            return;
        }
        const chunks = [];
        this.recorder = new MediaRecorder(stream);
        this.recorder.addEventListener("dataavailable", (event) => chunks.push(event.data));
        this.recorder.addEventListener("stop", () => {
            stream.getTracks().forEach((track) => track.stop());
            label.textContent = startText;
            const type = this.recorder.mimeType || "audio/webm";
            const extension = type.includes("mp4") ? "m4a" : type.includes("ogg") ? "ogg" : "webm";
            const file = new File(chunks, `notatka.${extension}`, { type });
            // the outbox queues it and sends it (outbox.js)
            this.el.dispatchEvent(new CustomEvent("msom-queue", { detail: { files: [file] } }));
        });
        this.recorder.start();
        // The stop label comes from the template so that it is translated.
        label.textContent = this.button.querySelector(".o_msom_record_stop").textContent;
    }
}

const interactions = registry.category("public.interactions");
interactions.add("msom_contractor.app", MsomContractorApp);
interactions.add("msom_contractor.push_card", MsomPushCard);
interactions.add("msom_contractor.protocol_form", MsomProtocolForm);
interactions.add("msom_contractor.voice_recorder", MsomVoiceRecorder);
