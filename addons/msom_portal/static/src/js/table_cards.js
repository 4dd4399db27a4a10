/** Tables that become one card per row on a phone (ours, and the portal's
 * document lists such as the invoices): each cell is labelled with its
 * column's header for the narrow layout of portal.scss. */
import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

export class MsomTableCards extends Interaction {
    static selector = "table.msom_table_cards, table.o_portal_my_doc_table";

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
