import { Component, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * A deadline shown as the time left, ticking every second in the browser (no server
 * round trip): the 1 h report to the authorities must be visible while it runs out.
 * Past the deadline it shows how late it is, in red.
 */
export class CountdownField extends Component {
    static template = "worksafe_emergency.CountdownField";
    static props = { ...standardFieldProps };

    setup() {
        this.state = useState({ now: Date.now() });
        const timer = setInterval(() => (this.state.now = Date.now()), 1000);
        onWillUnmount(() => clearInterval(timer));
    }

    get deadline() {
        return this.props.record.data[this.props.name];
    }

    get secondsLeft() {
        return Math.floor((this.deadline.toMillis() - this.state.now) / 1000);
    }

    get clock() {
        const total = Math.abs(this.secondsLeft);
        const hours = Math.floor(total / 3600);
        const minutes = String(Math.floor((total % 3600) / 60)).padStart(2, "0");
        const seconds = String(total % 60).padStart(2, "0");
        return `${hours}:${minutes}:${seconds}`;
    }

    get label() {
        return this.secondsLeft < 0
            ? _t("Late by %(time)s", { time: this.clock })
            : _t("%(time)s left", { time: this.clock });
    }

    get colour() {
        if (this.secondsLeft < 0) {
            return "text-danger";
        }
        return this.secondsLeft < 600 ? "text-warning" : "text-success";
    }
}

registry.category("fields").add("worksafe_countdown", {
    component: CountdownField,
    displayName: _t("Countdown"),
    supportedTypes: ["datetime"],
});
