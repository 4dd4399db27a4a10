/* Copyright 2026 mSOM contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
/* The "waiting to send" list of the contractor's pages.
 *
 * A form of a job page (status, notes, checklist, photos, voice note, signed
 * protocol) is not posted: it becomes an item of the phone's queue
 * (IndexedDB), with a one-time token, and the queue is sent in order, one
 * item at a time, to /wykonawca/zlecenie/<id>/wyslij. Without a connection
 * the items wait, listed on the page, and go when the connection returns. An
 * item sent twice (the answer was lost) is applied once (the token). What a
 * job no longer takes (cancelled or reassigned meanwhile) the server keeps on
 * the ticket for the office; the page says so. */

import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { ConnectionLostError, rpc } from "@web/core/network/rpc";
import { _t } from "@web/core/l10n/translation";
import {
    addItem,
    deleteItem,
    listItems,
    outboxSupported,
    putItem,
} from "@msom_contractor/js/outbox_store";

// fields a form sends several values of
const LIST_FIELDS = new Set([
    "activity_ids",
    "photo_ids",
    "material_name",
    "material_quantity",
    "material_uom",
]);
// the status each action leads to, for the page while the action waits
const STAGE_AFTER = { accept: "accepted", start: "in_progress", hold: "on_hold", done: "done" };
const RETRY_MS = 30000;

// crypto.randomUUID needs HTTPS; getRandomValues works on plain HTTP too
const newToken = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
        byte.toString(16).padStart(2, "0")
    ).join("");

function itemLabel(item) {
    const labels = {
        accept: _t("Accepting the job"),
        decline: _t("Declining the job"),
        start: _t("Starting the work"),
        hold: _t("Putting on hold"),
        done: _t("Marking as done"),
        checklist: _t("Ticking the checklist"),
        details: _t("Saving time and notes"),
        photos: _t("Sending photos"),
        voice: _t("Sending a voice note"),
        protocol: _t("Sending the protocol"),
    };
    return labels[item.kind === "action" ? item.values.action : item.kind] || "";
}

function readAsBase64(blob) {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result.split(",", 2)[1] || "");
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
    });
}

export class MsomOutbox extends Interaction {
    static selector = ".o_msom_contractor";
    dynamicContent = {
        _window: {
            "t-on-online": this.onOnline,
            "t-on-offline": this.render,
        },
        "form.o_msom_queue": {
            "t-on-submit": this.onSubmit,
            "t-on-msom-queue": this.onQueueFiles,
        },
        // the notices are drawn later: one listener on their container
        ".o_msom_outbox_notices": { "t-on-click": this.onNoticeClick },
    };

    setup() {
        this.enabled = outboxSupported();
        this.uid = parseInt(this.el.dataset.msomUid || "0");
        this.jobId = parseInt(this.el.dataset.msomJobId || "0");
        this.box = this.el.querySelector(".o_msom_outbox");
        this.flushing = null;
    }

    async willStart() {
        if (this.enabled) {
            await this.render();
        }
    }

    start() {
        if (!this.enabled) {
            return;
        }
        const interval = setInterval(() => this.flush(), RETRY_MS);
        this.registerCleanup(() => clearInterval(interval));
        // from now on the forms go through the queue
        this.el.dataset.msomOutbox = "ready";
        this.flush();
    }

    /** The queue item of a submitted form (its values and files). */
    formItem(form, files = []) {
        const values = {};
        for (const [name, value] of new FormData(form).entries()) {
            if (name === "csrf_token") {
                continue;
            }
            if (value instanceof File) {
                if (value.size) {
                    files.push(value);
                }
            } else if (LIST_FIELDS.has(name)) {
                (values[name] ||= []).push(value);
            } else {
                values[name] = value;
            }
        }
        const root = this.el.dataset;
        return {
            uid: this.uid,
            jobId: this.jobId,
            jobName: root.msomJobName,
            proof: root.msomProof,
            kind: form.dataset.msomKind,
            values,
            files: files.map((file) => ({ name: file.name, blob: file })),
            token: newToken(),
            capturedAt: new Date().toISOString(),
            offline: !navigator.onLine,
            state: "waiting",
        };
    }

    onSubmit(ev) {
        if (!this.enabled || !this.jobId) {
            return; // the form posts as without JavaScript
        }
        ev.preventDefault();
        this.queue(ev.currentTarget, this.formItem(ev.currentTarget));
    }

    onQueueFiles(ev) {
        this.queue(ev.currentTarget, this.formItem(ev.currentTarget, [...ev.detail.files]));
    }

    async queue(form, item) {
        if (item.kind === "photos" && !item.files.length) {
            this.showError(_t("Take or choose a photo first."));
            return;
        }
        if (item.kind === "protocol" && !item.values.resident_absent && !item.values.signature) {
            this.showError(_t("Ask the resident to sign with a finger, or mark them as absent."));
            return;
        }
        const buttons = form.querySelectorAll("button");
        // one tap, one item: a double tap must not queue it twice
        buttons.forEach((button) => (button.disabled = true));
        try {
            item.seq = await this.waitFor(addItem(item));
            form.querySelectorAll("input[type=file]").forEach((input) => (input.value = ""));
            const results = await this.waitFor(this.flush());
            const mine = results.find((result) => result.token === item.token);
            if (mine?.url) {
                window.location.href = mine.url;
                return;
            }
            if (mine?.error) {
                this.showError(mine.error);
            } else if (!mine && item.kind === "protocol") {
                // waiting: back to the job page (the phone's copy when offline)
                window.location.href = `/wykonawca/zlecenie/${item.jobId}`;
                return;
            }
        } finally {
            buttons.forEach((button) => (button.disabled = false));
        }
    }

    showError(message) {
        const alert = this.el.querySelector(".o_msom_outbox_error");
        alert.textContent = message;
        alert.classList.remove("d-none");
        alert.scrollIntoView({ block: "center" });
    }

    onOnline() {
        this.flush();
    }

    /** Sends the waiting items in order (one sender at a time, across tabs). */
    flush() {
        if (!this.flushing) {
            const send = () => this.sendAll();
            const run = navigator.locks
                ? navigator.locks.request("msom_contractor_outbox", send)
                : send();
            this.flushing = run
                .catch((error) => {
                    console.warn("mWykonawca outbox:", error);
                    return [];
                })
                .finally(() => {
                    this.flushing = null;
                    this.render();
                });
        }
        return this.flushing;
    }

    async sendAll() {
        const results = [];
        for (const item of await listItems()) {
            if (item.uid !== this.uid || item.state !== "waiting") {
                continue;
            }
            if (!navigator.onLine) {
                break;
            }
            let answer;
            try {
                answer = await rpc(
                    `/wykonawca/zlecenie/${item.jobId}/wyslij`,
                    {
                        token: item.token,
                        proof: item.proof,
                        kind: item.kind,
                        values: item.values,
                        files: await Promise.all(
                            item.files.map(async (file) => ({
                                name: file.name,
                                data: await readAsBase64(file.blob),
                            }))
                        ),
                        captured_at: item.capturedAt,
                        offline: item.offline,
                    },
                    { silent: true }
                );
            } catch (error) {
                if (error instanceof ConnectionLostError) {
                    // the rest waits for the connection, in order
                    item.offline = true;
                    await putItem(item);
                    break;
                }
                item.state = "error";
                item.message = error.data?.message || error.message;
                await putItem(item);
                continue;
            }
            if (answer.state === "kept") {
                // the files are on the ticket now: keep only the message
                Object.assign(item, { state: "kept", message: answer.message, files: [] });
                await putItem(item);
            } else {
                await deleteItem(item.seq);
            }
            results.push({ token: item.token, url: answer.url, error: answer.error });
        }
        return results;
    }

    onNoticeClick(ev) {
        const button = ev.target.closest("button[data-seq]");
        if (button?.classList.contains("o_msom_outbox_remove")) {
            this.onRemove(parseInt(button.dataset.seq));
        } else if (button?.classList.contains("o_msom_outbox_retry")) {
            this.onRetry(parseInt(button.dataset.seq));
        }
    }

    async onRemove(seq) {
        await this.waitFor(deleteItem(seq));
        this.render();
    }

    async onRetry(seq) {
        const item = (await this.waitFor(listItems())).find((i) => i.seq === seq);
        if (item) {
            Object.assign(item, { state: "waiting", message: "" });
            await this.waitFor(putItem(item));
            this.flush();
        }
    }

    /** The list of waiting items, the notices of kept or failed ones, and
     * the job's status as it will be once the waiting actions are sent. */
    async render() {
        if (!this.box) {
            return;
        }
        const items = (await listItems()).filter((item) => item.uid === this.uid);
        const waiting = items.filter((item) => item.state === "waiting");
        const list = this.box.querySelector(".o_msom_outbox_list");
        const notices = this.el.querySelector(".o_msom_outbox_notices");
        list.replaceChildren(
            ...waiting.map((item) => {
                const li = document.createElement("li");
                li.className = "list-group-item d-flex justify-content-between gap-2 o_msom_outbox_item";
                li.dataset.kind = item.kind === "action" ? item.values.action : item.kind;
                const what = document.createElement("span");
                what.textContent = `${item.jobName} · ${itemLabel(item)}`;
                const when = document.createElement("span");
                when.className = "text-muted small text-nowrap";
                when.textContent = new Date(item.capturedAt).toLocaleTimeString([], {
                    hour: "2-digit",
                    minute: "2-digit",
                });
                li.append(what, when);
                return li;
            })
        );
        this.box.classList.toggle("d-none", !waiting.length);
        this.box.querySelector(".o_msom_outbox_offline").classList.toggle("d-none", navigator.onLine);
        const template = this.el.querySelector(".o_msom_outbox_notice_template");
        notices.replaceChildren(
            ...items
                .filter((item) => item.state !== "waiting")
                .map((item) => {
                    const notice = template.content.firstElementChild.cloneNode(true);
                    notice.classList.add(item.state === "kept" ? "alert-warning" : "alert-danger");
                    notice.dataset.state = item.state;
                    notice.querySelector(".o_msom_outbox_message").textContent =
                        item.state === "kept" ? item.message : `${item.jobName} · ${itemLabel(item)}: ${item.message}`;
                    const retry = notice.querySelector(".o_msom_outbox_retry");
                    retry.classList.toggle("d-none", item.state !== "error");
                    for (const button of notice.querySelectorAll("button")) {
                        button.dataset.seq = item.seq;
                    }
                    return notice;
                })
        );
        this.showExpectedStage(waiting.filter((item) => item.jobId === this.jobId));
    }

    showExpectedStage(waiting) {
        const badge = this.el.querySelector(".o_msom_job_stage");
        if (!badge) {
            return;
        }
        let stage = badge.dataset.stage;
        for (const item of waiting) {
            stage = STAGE_AFTER[item.kind === "action" && item.values.action] || stage;
        }
        for (const el of this.el.querySelectorAll("[data-msom-stages]")) {
            el.classList.toggle("d-none", !el.dataset.msomStages.split(",").includes(stage));
        }
        const labels = JSON.parse(badge.dataset.labels || "{}");
        badge.textContent = labels[stage] || badge.textContent;
        badge.classList.toggle("o_msom_stage_waiting", stage !== badge.dataset.stage);
    }
}

registry.category("public.interactions").add("msom_contractor.outbox", MsomOutbox);
