/** @odoo-module **/
// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

function canvasPng(color) {
    const canvas = document.createElement("canvas");
    canvas.width = 320;
    canvas.height = 240;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 320, 240);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

function draw(canvas) {
    const rect = canvas.getBoundingClientRect();
    const at = (type, x, y) =>
        canvas.dispatchEvent(
            new PointerEvent(type, {
                clientX: rect.left + x,
                clientY: rect.top + y,
                bubbles: true,
                pointerId: 1,
            })
        );
    at("pointerdown", 20, 150);
    for (let i = 1; i <= 40; i++) {
        at("pointermove", 20 + i * 6, 150 - Math.sin(i / 4) * 60);
    }
    at("pointerup", 260, 120);
}

registry.category("web_tour.tours").add("msom_contractor_job_tour", {
    url: "/wykonawca",
    steps: () => [
        {
            content: "The new job is highlighted with a count badge",
            trigger: ".o_msom_new_badge:contains(1)",
        },
        {
            content: "Open the new job",
            trigger: ".o_msom_job_new:contains(ZG-TOUR-C1)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Accept it",
            trigger: ".o_msom_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_msom_ok",
        },
        {
            content: "Start the work",
            trigger: ".o_msom_start",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Take a photo",
            trigger: ".o_msom_photo_input:not(:visible)",
            async run() {
                const blob = await canvasPng("#c0392b");
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], "zdjecie.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            trigger: ".o_msom_photo_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The photo is on the job",
            trigger: ".o_msom_work_photos img",
        },
        {
            content: "Open the completion protocol",
            trigger: ".o_msom_protocol_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "textarea[name=work_description]",
            run: "edit Wymieniono zawór i uszczelkę",
        },
        {
            trigger: "input[name=resident_name]",
            run: "edit Żaneta Łęcka",
        },
        {
            content: "The resident signs on the phone",
            trigger: ".o_msom_signature_canvas",
            run() {
                draw(this.anchor);
            },
        },
        {
            trigger: ".o_msom_protocol_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The protocol is saved",
            trigger: ".o_msom_protocol_row:contains(PZ/)",
        },
        {
            content: "Mark the job done",
            trigger: ".o_msom_done",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_msom_ok",
        },
        {
            content: "Done",
            trigger: ".o_msom_job_stage:contains(Done)",
        },
    ],
});
