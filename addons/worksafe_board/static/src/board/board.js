import { Component, onMounted, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { deserializeDateTime, formatDateTime } from "@web/core/l10n/dates";

// what the board listens to on the bus (worksafe_board/models/board.py NOTIFICATION_TYPE)
export const BOARD_NOTIFICATION = "worksafe_board/changed";
const STATE_ORDER = ["suspended", "active", "issued", "handed_back", "expired"];
const ALARM_LEVELS = ["fault", "critical", "alarm", "warning", "normal"];

/**
 * The live board: a site plan with its areas, the permits placed in them and what needs a
 * supervisor's eye, and the same items as a list. It never patches itself from bus
 * payloads: a notification on the company's board channel makes it fetch the whole state
 * again (one request at a time; notifications arriving meanwhile cause one more fetch).
 */
export class WorksafeBoard extends Component {
    static template = "worksafe_board.Board";
    static props = {
        fetchState: Function,
        channelFor: Function,
        planUrl: Function,
        bus: Object,
        kiosk: { type: Boolean, optional: true },
        openRecord: { type: Function, optional: true },
        siteId: { optional: true },
    };

    setup() {
        this.state = useState({
            data: null,
            error: false,
            siteId: this.props.siteId || false,
            updatedAt: null,
            view: "list", // on a phone: "list" or "plan"
            fetches: 0,
        });
        this.inFlight = null;
        this.again = false;
        this.channel = null;
        this.onChanged = (payload) => {
            const company = this.state.data?.company;
            if (!company || !payload || payload.company_id === company.id) {
                this.refresh();
            }
        };
        this.onReconnect = () => this.refresh();
        onWillStart(async () => {
            this.props.bus.subscribe(BOARD_NOTIFICATION, this.onChanged);
            this.props.bus.addEventListener("BUS:RECONNECT", this.onReconnect);
            await this.refresh();
        });
        onMounted(() => this.schedulePeriodic());
        onWillUnmount(() => {
            this.props.bus.unsubscribe(BOARD_NOTIFICATION, this.onChanged);
            this.props.bus.removeEventListener("BUS:RECONNECT", this.onReconnect);
            if (this.channel) {
                this.props.bus.deleteChannel(this.channel);
            }
            clearTimeout(this.timer);
            this.destroyed = true;
        });
    }

    schedulePeriodic() {
        clearTimeout(this.timer);
        const seconds = this.state.data?.refresh_seconds || 60;
        this.timer = setTimeout(async () => {
            if (!this.destroyed) {
                await this.refresh();
                this.schedulePeriodic();
            }
        }, seconds * 1000);
    }

    async refresh() {
        if (this.inFlight) {
            this.again = true;
            return this.inFlight;
        }
        this.inFlight = (async () => {
            do {
                this.again = false;
                try {
                    const data = await this.props.fetchState(this.state.siteId);
                    if (this.destroyed) {
                        return;
                    }
                    this.state.data = data;
                    this.state.error = false;
                    this.state.updatedAt = luxon.DateTime.now();
                    this.state.fetches++;
                    this.listen(data);
                } catch {
                    this.state.error = true;
                }
            } while (this.again && !this.destroyed);
        })();
        try {
            await this.inFlight;
        } finally {
            this.inFlight = null;
        }
    }

    listen(data) {
        const channel = data.company ? this.props.channelFor(data.company.id) : null;
        if (channel === this.channel) {
            return;
        }
        if (this.channel) {
            this.props.bus.deleteChannel(this.channel);
        }
        this.channel = channel;
        if (channel) {
            this.props.bus.addChannel(channel);
        }
    }

    // ------------------------------------------------------------------ plan geometry
    get extent() {
        const [x, y, w, h] = this.state.data?.site?.extent || [0, 0, 100, 100];
        return { x, y, w: w || 100, h: h || 100 };
    }

    get viewBox() {
        const { x, y, w, h } = this.extent;
        return `${x} ${y} ${w} ${h}`;
    }

    get unit() {
        const { w, h } = this.extent;
        return Math.max(w, h) / 100;
    }

    get planHref() {
        const site = this.state.data?.site;
        return site && site.has_plan ? this.props.planUrl(site) : "";
    }

    pointsAttr(area) {
        return area.points.map(([x, y]) => `${x},${y}`).join(" ");
    }

    /** Permit chips, stacked around the label point of the area they are drawn in. */
    get chips() {
        const data = this.state.data;
        if (!data) {
            return [];
        }
        const u = this.unit;
        const width = 9 * u;
        const height = 2.2 * u;
        const byArea = {};
        for (const permit of data.permits) {
            if (permit.drawn_in) {
                (byArea[permit.drawn_in] ||= []).push(permit);
            }
        }
        const chips = [];
        for (const area of data.areas) {
            const permits = (byArea[area.id] || []).sort(
                (a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state)
            );
            const top = area.label[1] + (area.people.length ? 2.1 : 1) * u;
            permits.forEach((permit, index) => {
                chips.push({
                    permit,
                    x: area.label[0] - width / 2,
                    y: top + index * (height + 0.4 * u),
                    width,
                    height,
                });
            });
        }
        return chips;
    }

    // ------------------------------------------------------------------ lists
    get permitsByUrgency() {
        const permits = [...(this.state.data?.permits || [])];
        return permits.sort(
            (a, b) =>
                b.overdue - a.overdue ||
                STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
                (a.planned_end || "").localeCompare(b.planned_end || "")
        );
    }

    get overdue() {
        return (this.state.data?.permits || []).filter((p) => p.overdue);
    }

    get alarmsByLevel() {
        const alarms = [...(this.state.data?.alarms || [])];
        return alarms.sort((a, b) => ALARM_LEVELS.indexOf(a.level) - ALARM_LEVELS.indexOf(b.level));
    }

    get counters() {
        const c = this.state.data?.counts || {};
        return [
            { key: "active", label: _t("In progress"), value: c.active, tone: "success" },
            { key: "issued", label: _t("Issued"), value: c.issued, tone: "primary" },
            { key: "suspended", label: _t("Suspended"), value: c.suspended, tone: "warning" },
            { key: "overdue", label: _t("Overdue"), value: c.overdue, tone: "danger" },
            { key: "alarms", label: _t("Alarms"), value: c.alarms, tone: "danger" },
            { key: "clashes", label: _t("SIMOPS clashes"), value: c.clashes, tone: "warning" },
            { key: "faults", label: _t("Device faults"), value: c.faults, tone: "warning" },
            { key: "people", label: _t("People on site"), value: c.people, tone: "info" },
            { key: "exceptions", label: _t("Exceptions"), value: c.exceptions, tone: "secondary" },
            { key: "rectifications", label: _t("Rectifications"), value: c.rectifications, tone: "secondary" },
        ];
    }

    formatTime(value) {
        return value ? formatDateTime(deserializeDateTime(value), { format: "MM-dd HH:mm" }) : "";
    }

    get updatedLabel() {
        return this.state.updatedAt ? this.state.updatedAt.toFormat("HH:mm:ss") : "";
    }

    // ------------------------------------------------------------------ actions
    get clickable() {
        return !this.props.kiosk && !!this.props.openRecord;
    }

    open(model, id) {
        if (this.clickable && id) {
            this.props.openRecord(model, id);
        }
    }

    async onSiteChange(ev) {
        this.state.siteId = parseInt(ev.target.value) || false;
        await this.refresh();
    }

    setView(view) {
        this.state.view = view;
    }
}
