/* Copyright 2026 mSOM contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
/* mWykonawca: signature pad, materials, voice notes, location ping and web
 * push on the contractor's pages. Plain DOM code: the pages work without it
 * (except drawing the signature). */

const PING_INTERVAL_MS = 120000;

function onReady(callback) {
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", callback);
    } else {
        callback();
    }
}

function csrfToken(root) {
    const input = root.querySelector("input[name='csrf_token']");
    return input ? input.value : (window.odoo && window.odoo.csrf_token) || "";
}

async function jsonRpc(url, params) {
    const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: Date.now(), params }),
    });
    const data = await response.json();
    return data.result;
}

/* Signature pad: a canvas the resident signs on with a finger. */
function setupSignature(form) {
    const canvas = form.querySelector(".o_msom_signature_canvas");
    if (!canvas) {
        return;
    }
    const value = form.querySelector(".o_msom_signature_value");
    const ctx = canvas.getContext("2d");
    let drawing = false;
    let drawn = false;
    const resize = () => {
        const ratio = window.devicePixelRatio || 1;
        canvas.width = Math.max(canvas.clientWidth, 300) * ratio;
        canvas.height = 200 * ratio;
        ctx.scale(ratio, ratio);
        ctx.lineWidth = 2.5;
        ctx.lineCap = "round";
        ctx.lineJoin = "round";
        ctx.strokeStyle = "#102a5c";
        drawn = false;
    };
    resize();
    const point = (event) => {
        const rect = canvas.getBoundingClientRect();
        return [event.clientX - rect.left, event.clientY - rect.top];
    };
    canvas.style.touchAction = "none";
    canvas.addEventListener("pointerdown", (event) => {
        drawing = true;
        const [x, y] = point(event);
        ctx.beginPath();
        ctx.moveTo(x, y);
        event.preventDefault();
    });
    canvas.addEventListener("pointermove", (event) => {
        if (!drawing) {
            return;
        }
        const [x, y] = point(event);
        ctx.lineTo(x, y);
        ctx.stroke();
        drawn = true;
        event.preventDefault();
    });
    const stop = () => {
        drawing = false;
        if (drawn) {
            value.value = canvas.toDataURL("image/png");
        }
    };
    canvas.addEventListener("pointerup", stop);
    canvas.addEventListener("pointerleave", stop);
    form.querySelector(".o_msom_signature_clear").addEventListener("click", () => {
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        value.value = "";
        drawn = false;
    });
    form.addEventListener("submit", () => {
        if (drawn) {
            value.value = canvas.toDataURL("image/png");
        }
        const button = form.querySelector("button[type='submit']");
        // One submission: a double tap must not send the protocol twice.
        setTimeout(() => button && (button.disabled = true), 0);
    });
}

function setupProtocolForm(form) {
    setupSignature(form);
    const absent = form.querySelector(".o_msom_absent");
    const toggle = () => {
        form.querySelector(".o_msom_present").classList.toggle("d-none", absent.checked);
        form.querySelector(".o_msom_absent_reason").classList.toggle("d-none", !absent.checked);
    };
    absent.addEventListener("change", toggle);
    toggle();
    form.querySelector(".o_msom_add_material").addEventListener("click", () => {
        const rows = form.querySelectorAll(".o_msom_material_row");
        const clone = rows[rows.length - 1].cloneNode(true);
        clone.querySelectorAll("input").forEach((input) => (input.value = ""));
        rows[rows.length - 1].after(clone);
    });
}

/* Voice notes recorded in the browser (MediaRecorder), sent as a file. */
function setupRecorder(form) {
    const button = form.querySelector(".o_msom_record");
    if (!button || !window.MediaRecorder || !navigator.mediaDevices) {
        return;
    }
    button.classList.remove("d-none");
    const label = button.querySelector(".o_msom_record_label");
    const startText = label.textContent;
    // The stop label comes from the template so that it is translated.
    const stopText = button.querySelector(".o_msom_record_stop").textContent;
    let recorder = null;
    let chunks = [];
    button.addEventListener("click", async () => {
        if (recorder && recorder.state === "recording") {
            recorder.stop();
            return;
        }
        let stream = null;
        try {
            stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        } catch {
            button.disabled = true;
            return;
        }
        chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.addEventListener("dataavailable", (event) => chunks.push(event.data));
        recorder.addEventListener("stop", async () => {
            stream.getTracks().forEach((track) => track.stop());
            label.textContent = startText;
            const type = recorder.mimeType || "audio/webm";
            const extension = type.includes("mp4") ? "m4a" : type.includes("ogg") ? "ogg" : "webm";
            const data = new FormData();
            data.append("csrf_token", csrfToken(form));
            data.append("voice", new Blob(chunks, { type }), `notatka.${extension}`);
            button.disabled = true;
            const response = await fetch(form.action, { method: "POST", body: data });
            window.location.href = response.url || window.location.href;
        });
        recorder.start();
        label.textContent = stopText;
    });
}

/* Position ping: only when the worker turned sharing on, the browser allows
 * it, and the page is visible. */
function setupGeolocation() {
    const flag = document.querySelector(".o_msom_geo");
    if (!flag || flag.dataset.enabled !== "1" || !navigator.geolocation) {
        return;
    }
    const ping = () => {
        if (document.visibilityState !== "visible") {
            return;
        }
        navigator.geolocation.getCurrentPosition(
            (position) =>
                jsonRpc("/wykonawca/pozycja", {
                    latitude: position.coords.latitude,
                    longitude: position.coords.longitude,
                }),
            () => {},
            { enableHighAccuracy: false, maximumAge: 60000, timeout: 20000 }
        );
    };
    ping();
    setInterval(ping, PING_INTERVAL_MS);
}

function urlBase64ToUint8Array(base64String) {
    const padding = "=".repeat((4 - (base64String.length % 4)) % 4);
    const base64 = (base64String + padding).replace(/-/g, "+").replace(/_/g, "/");
    const raw = window.atob(base64);
    return Uint8Array.from([...raw].map((char) => char.charCodeAt(0)));
}

/* Web push for new jobs where the browser supports it. */
function setupPush() {
    const card = document.querySelector(".o_msom_push_card");
    if (!card || !("serviceWorker" in navigator) || !("PushManager" in window)) {
        return;
    }
    if (window.Notification && Notification.permission === "granted") {
        return;
    }
    card.classList.remove("d-none");
    card.querySelector(".o_msom_push_enable").addEventListener("click", async () => {
        const permission = await Notification.requestPermission();
        if (permission !== "granted") {
            card.classList.add("d-none");
            return;
        }
        const registration = await navigator.serviceWorker.register("/wykonawca/sw.js", {
            scope: "/wykonawca/",
        });
        const key = await jsonRpc("/wykonawca/push/klucz", {});
        const subscription = await registration.pushManager.subscribe({
            userVisibleOnly: true,
            applicationServerKey: urlBase64ToUint8Array(key),
        });
        await jsonRpc("/wykonawca/push/subskrypcja", {
            subscription: subscription.toJSON(),
            vapid_public_key: key,
        });
        card.classList.add("d-none");
    });
}

onReady(() => {
    if (!document.querySelector(".o_msom_contractor")) {
        return;
    }
    const protocolForm = document.querySelector(".o_msom_protocol_form");
    if (protocolForm) {
        setupProtocolForm(protocolForm);
    }
    const voiceForm = document.querySelector(".o_msom_voice_form");
    if (voiceForm) {
        setupRecorder(voiceForm);
    }
    setupGeolocation();
    setupPush();
});
