import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { WorksafeBoard } from "./board";

/** The board in the backend: read as the user (record rules apply), rows open records. */
export class WorksafeBoardAction extends Component {
    static template = "worksafe_board.BoardAction";
    static components = { WorksafeBoard };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.bus = useService("bus_service");
        this.boardProps = {
            bus: this.bus,
            kiosk: false,
            fetchState: (siteId) => this.orm.call("worksafe.board", "get_state", [siteId || false]),
            channelFor: (companyId) => `worksafe_board:${companyId}`,
            planUrl: (site) => `/worksafe/board/plan/${site.id}?v=${encodeURIComponent(site.plan_version)}`,
            openRecord: (model, id) =>
                this.action.doAction({
                    type: "ir.actions.act_window",
                    res_model: model,
                    res_id: id,
                    views: [[false, "form"]],
                }),
        };
    }
}

registry.category("actions").add("worksafe_board.board", WorksafeBoardAction);
