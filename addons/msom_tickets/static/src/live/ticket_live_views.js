// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { useComponent } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { listView } from "@web/views/list/list_view";
import { ListController } from "@web/views/list/list_controller";
import { REFRESH_MS, useTicketLive } from "./ticket_live_service";

const HIGHLIGHT_MS = 3000;

function loadedRecords(list) {
    if (list.groups) {
        return list.groups.flatMap((group) => (group.list ? loadedRecords(group.list) : []));
    }
    return list.records;
}

/**
 * Reload the board's data when tickets change: the search, grouping, paging
 * and scroll stay as the operator left them, changed cards and rows are
 * patched in place and new tickets flash. Nothing reloads while a row or a
 * quick-create card is being edited; the refresh waits until it is saved.
 */
function useLiveBoard() {
    const controller = useComponent();
    let created = new Set();
    let waiting = false;

    const isEditing = () =>
        Boolean(controller.quickCreateState?.groupId) ||
        loadedRecords(controller.model.root).some((record) => record.isInEdition);

    async function refresh() {
        if (isEditing()) {
            waiting = true;
            browser.setTimeout(refresh, REFRESH_MS);
            return;
        }
        waiting = false;
        const fresh = created;
        created = new Set();
        await controller.model.load();
        if (fresh.size) {
            browser.requestAnimationFrame(() => highlight(fresh));
        }
    }

    function highlight(resIds) {
        const root = controller.rootRef.el;
        for (const record of loadedRecords(controller.model.root)) {
            if (!resIds.has(record.resId) || !root) {
                continue;
            }
            const el = root.querySelector(`[data-id="${record.id}"]`);
            el?.classList.add("o_msom_live_new");
            browser.setTimeout(() => el?.classList.remove("o_msom_live_new"), HIGHLIGHT_MS);
        }
    }

    useTicketLive(({ events }) => {
        if (!events.length) {
            return;
        }
        for (const event of events.filter((e) => e.kind === "created")) {
            created.add(event.id);
        }
        if (!waiting) {
            refresh();
        }
    });
}

export class TicketLiveKanbanController extends KanbanController {
    setup() {
        super.setup();
        useLiveBoard();
    }
}

export class TicketLiveListController extends ListController {
    setup() {
        super.setup();
        useLiveBoard();
    }
}

registry.category("views").add("msom_ticket_live_kanban", {
    ...kanbanView,
    Controller: TicketLiveKanbanController,
});
registry.category("views").add("msom_ticket_live_list", {
    ...listView,
    Controller: TicketLiveListController,
});
