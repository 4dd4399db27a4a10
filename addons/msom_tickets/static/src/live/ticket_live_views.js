// Copyright 2026 mSOM contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { useComponent, useEffect, useState } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { KanbanRecord } from "@web/views/kanban/kanban_record";
import { KanbanRenderer } from "@web/views/kanban/kanban_renderer";
import { listView } from "@web/views/list/list_view";
import { ListController } from "@web/views/list/list_controller";
import { ListRenderer } from "@web/views/list/list_renderer";
import { REFRESH_MS, useTicketLive } from "./ticket_live_service";

const NEW_CLASS = "o_msom_live_new";

function loadedRecords(list) {
    if (list.groups) {
        return list.groups.flatMap((group) => (group.list ? loadedRecords(group.list) : []));
    }
    return list.records;
}

/**
 * Reload the board's data when tickets change: the search, grouping, paging
 * and scroll stay as the operator left them, and changed cards and rows are
 * patched in place. Nothing reloads while a row or a quick-create card is
 * being edited; the refresh waits until it is saved. Nor before the view's
 * first load is done: a second load would cancel it (the model keeps the
 * last) and the view would stay empty.
 */
function useLiveBoard() {
    const controller = useComponent();
    let waiting = false;

    const isEditing = () =>
        Boolean(controller.quickCreateState?.groupId) ||
        loadedRecords(controller.model.root).some((record) => record.isInEdition);

    async function refresh() {
        if (!controller.model.isReady) {
            waiting = true;
            controller.model.whenReady.then(refresh);
            return;
        }
        if (isEditing()) {
            waiting = true;
            browser.setTimeout(refresh, REFRESH_MS);
            return;
        }
        waiting = false;
        await controller.model.load();
    }

    useTicketLive(({ events }) => {
        if (events.length && !waiting) {
            refresh();
        }
    });
}

/**
 * A new ticket flashes when its card or row is first drawn: the mark is part
 * of the rendering (a class the record gets), so it cannot miss a card that a
 * busy browser draws a few frames after the data arrived.
 */
function useNewTicketMark(records) {
    const live = useService("msom_tickets.live");
    const fresh = useState(live.state.fresh);
    useEffect(
        (...ids) => ids.filter((id) => fresh[id]).forEach((id) => live.shown(id)),
        () => records().map((record) => record.resId)
    );
    return (record) => Boolean(fresh[record.resId]);
}

export class TicketLiveKanbanRecord extends KanbanRecord {
    setup() {
        super.setup();
        this.isNew = useNewTicketMark(() => [this.props.record]);
    }

    getRecordClasses() {
        const classes = super.getRecordClasses();
        return this.isNew(this.props.record) ? `${classes} ${NEW_CLASS}` : classes;
    }
}

export class TicketLiveKanbanRenderer extends KanbanRenderer {
    static components = { ...KanbanRenderer.components, KanbanRecord: TicketLiveKanbanRecord };
}

export class TicketLiveListRenderer extends ListRenderer {
    setup() {
        super.setup();
        this.isNew = useNewTicketMark(() => loadedRecords(this.props.list));
    }

    getRowClass(record) {
        const classes = super.getRowClass(record);
        return this.isNew(record) ? `${classes} ${NEW_CLASS}` : classes;
    }
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
    Renderer: TicketLiveKanbanRenderer,
});
registry.category("views").add("msom_ticket_live_list", {
    ...listView,
    Controller: TicketLiveListController,
    Renderer: TicketLiveListRenderer,
});
