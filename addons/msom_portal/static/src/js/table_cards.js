/** Tables that become one card per row on a phone: each cell is labelled
 * with its column's header (read from the table's head) for the narrow
 * layout of portal.scss (.msom_table_cards). */
import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

export class MsomTableCards extends Interaction {
    static selector = "table.msom_table_cards";

    start() {
        const headers = [...this.el.querySelectorAll("thead th")].map((th) =>
            th.textContent.trim()
        );
        for (const row of this.el.querySelectorAll("tbody tr, tfoot tr")) {
            [...row.cells].forEach((cell, index) => {
                if (headers[index] && !cell.dataset.label) {
                    cell.dataset.label = headers[index];
                }
            });
        }
    }
}

registry.category("public.interactions").add("msom_portal.table_cards", MsomTableCards);
