/** "Copy" buttons next to read-only fields (account number, calendar URL). */
import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { _t } from "@web/core/l10n/translation";

export class MsomCopyButton extends Interaction {
    static selector = ".msom_copy";
    dynamicContent = {
        _root: { "t-on-click.prevent": this.copy },
    };

    async copy() {
        const field = document.querySelector(this.el.dataset.copyTarget);
        if (!field) {
            return;
        }
        const text = field.value.replace(/\s/g, field.id === "msom_account_number" ? "" : " ");
        try {
            await navigator.clipboard.writeText(text);
        } catch {
            field.select();
            document.execCommand("copy");
        }
        this.el.classList.add("btn-success");
        this.el.setAttribute("aria-label", _t("Copied"));
        this.el.title = _t("Copied");
    }
}

registry.category("public.interactions").add("msom_portal.copy_button", MsomCopyButton);
