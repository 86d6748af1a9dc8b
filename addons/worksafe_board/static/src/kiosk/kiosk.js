import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { useService } from "@web/core/utils/hooks";
import { WorksafeBoard } from "@worksafe_board/board/board";

/** The control-room kiosk: no login, read-only, one company, kept live by the bus. */
export class WorksafeBoardKiosk extends Component {
    static template = "worksafe_board.Kiosk";
    static components = { WorksafeBoard };
    static props = {
        token: String,
        siteId: { optional: true },
        companyName: { type: String, optional: true },
    };

    setup() {
        const token = encodeURIComponent(this.props.token);
        this.boardProps = {
            bus: useService("bus_service"),
            kiosk: true,
            siteId: this.props.siteId || false,
            fetchState: (siteId) =>
                rpc(`/worksafe/board/kiosk/${token}/state`, { site_id: siteId || false }),
            channelFor: () => `worksafe_board_kiosk:${this.props.token}`,
            planUrl: (site) =>
                `/worksafe/board/kiosk/${token}/plan/${site.id}?v=${encodeURIComponent(site.plan_version)}`,
        };
    }
}

registry.category("public_components").add("worksafe_board.kiosk", WorksafeBoardKiosk);
