/** The report forms (resident and anonymous): Leaflet pin, photo checks,
 * duplicate suggestion before sending. Leaflet loads only on these pages. */
import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { loadCSS, loadJS } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";

const LEAFLET = "/web_leaflet_lib/static/lib/leaflet";

export class MsomTicketForm extends Interaction {
    static selector = ".msom_ticket_form";
    dynamicContent = {
        "select[name='location_id'], select[name='building_id']": {
            "t-on-change": this.onPlaceChange,
        },
        "select[name='category_id']": { "t-on-change": this.checkDuplicates },
        "input[name='photos']": { "t-on-change": this.onPhotos },
        ".msom_pin_clear": { "t-on-click.prevent": this.clearPin },
        ".msom_pin_center": { "t-on-click.prevent": this.pinAtCenter },
        _root: { "t-on-submit": this.onSubmit },
    };

    setup() {
        this.mapEl = this.el.querySelector(".msom_map");
        this.latInput = this.el.querySelector(".msom_lat");
        this.lonInput = this.el.querySelector(".msom_lon");
        this.marker = null;
    }

    async willStart() {
        if (!this.mapEl) {
            return;
        }
        await Promise.all([
            loadCSS(`${LEAFLET}/leaflet.css`),
            loadJS(`${LEAFLET}/leaflet.js`),
        ]);
    }

    start() {
        if (!this.mapEl || !window.L) {
            return;
        }
        const L = window.L;
        const lat = parseFloat(this.mapEl.dataset.lat) || 52.2297;
        const lon = parseFloat(this.mapEl.dataset.lon) || 21.0122;
        this.map = L.map(this.mapEl, { scrollWheelZoom: false }).setView([lat, lon], 17);
        L.tileLayer(this.mapEl.dataset.tileUrl, {
            maxZoom: 19,
            attribution: this.mapEl.dataset.attribution,
        }).addTo(this.map);
        if (this.mapEl.dataset.pinned) {
            this.setPin(lat, lon);
        }
        this.map.on("click", (ev) => this.setPin(ev.latlng.lat, ev.latlng.lng, true));
        this.registerCleanup(() => this.map.remove());
    }

    setPin(lat, lon, byUser = false) {
        const L = window.L;
        if (this.marker) {
            this.marker.setLatLng([lat, lon]);
        } else {
            this.marker = L.marker([lat, lon], { keyboard: true, title: _t("Problem") });
            this.marker.addTo(this.map);
        }
        this.latInput.value = lat.toFixed(7);
        this.lonInput.value = lon.toFixed(7);
        this.mapEl.classList.add("msom_pinned");
        if (byUser) {
            this.checkDuplicates();
        }
    }

    /** A pin without a pointer (keyboard users: pan with the arrows, then pin). */
    pinAtCenter() {
        if (!this.map) {
            return;
        }
        const center = this.map.getCenter();
        this.setPin(center.lat, center.lng, true);
    }

    clearPin() {
        if (this.marker) {
            this.marker.remove();
            this.marker = null;
        }
        this.latInput.value = "";
        this.lonInput.value = "";
        this.mapEl.classList.remove("msom_pinned");
    }

    onPlaceChange(ev) {
        const option = ev.currentTarget.selectedOptions[0];
        const lat = parseFloat(option && option.dataset.lat);
        const lon = parseFloat(option && option.dataset.lon);
        if (this.map && lat && lon) {
            this.map.setView([lat, lon], 17);
        }
        this.checkDuplicates();
    }

    async checkDuplicates() {
        const url = this.el.dataset.duplicatesUrl;
        const box = this.el.querySelector(".msom_duplicates");
        if (!url || !box) {
            return;
        }
        const location = this.el.querySelector("select[name='location_id']");
        const category = this.el.querySelector("select[name='category_id']");
        const found = await this.waitFor(
            rpc(url, {
                location_id: location && location.value ? parseInt(location.value) : null,
                category_id: category && category.value ? parseInt(category.value) : null,
                latitude: this.latInput.value || null,
                longitude: this.lonInput.value || null,
            })
        );
        const list = box.querySelector(".msom_duplicate_list");
        list.replaceChildren();
        for (const ticket of found.tickets) {
            const item = document.createElement("li");
            item.textContent = `${ticket.name} “${ticket.summary}”: ${ticket.group}, ${ticket.place} (${ticket.state}, ${ticket.date})`;
            list.appendChild(item);
        }
        // Other residents' reports: only that one exists, never its content.
        box.querySelector(".msom_duplicate_others").classList.toggle("d-none", !found.others);
        box.classList.toggle("d-none", !found.tickets.length && !found.others);
    }

    onPhotos(ev) {
        const input = ev.currentTarget;
        const error = this.el.querySelector(".msom_photo_error");
        const preview = this.el.querySelector(".msom_photo_preview");
        const maxFiles = parseInt(input.dataset.maxFiles) || 5;
        const maxBytes = (parseFloat(input.dataset.maxMb) || 10) * 1024 * 1024;
        const problems = [];
        const files = [...input.files];
        if (files.length > maxFiles) {
            problems.push(_t("You can attach at most %s photos.", maxFiles));
        }
        for (const file of files) {
            if (!file.type.startsWith("image/")) {
                problems.push(_t("“%s” is not a photo.", file.name));
            } else if (file.size > maxBytes) {
                problems.push(_t("The photo “%s” is too large.", file.name));
            }
        }
        error.textContent = problems.join(" ");
        input.setCustomValidity(problems.join(" "));
        preview.replaceChildren();
        if (!problems.length) {
            for (const file of files) {
                const img = document.createElement("img");
                img.src = URL.createObjectURL(file);
                img.alt = file.name;
                img.className = "msom_thumb rounded border";
                preview.appendChild(img);
            }
        }
    }

    onSubmit() {
        const button = this.el.querySelector(".msom_submit");
        if (button) {
            button.setAttribute("disabled", "disabled");
        }
    }
}

registry.category("public.interactions").add("msom_portal.ticket_form", MsomTicketForm);
