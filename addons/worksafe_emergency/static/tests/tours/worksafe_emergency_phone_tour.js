import { registry } from "@web/core/registry";
import { noSidewaysScroll } from "@worksafe_permit/../tests/tours/worksafe_phone_site_tour";

// On a phone at the permit's QR code: press the alarm, read the emergency card, check in at
// a muster point.
registry.category("web_tour.tours").add("worksafe_emergency_phone_tour", {
    steps: () => [
        {
            content: "The scan page carries the alarm of the permit's area",
            trigger: ".o_ws_scan_alarm .o_ws_alarm_fire",
        },
        noSidewaysScroll("The scan page with its alarm"),
        {
            content: "Press the fire alarm",
            trigger: ".o_ws_scan_alarm .o_ws_alarm_fire",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The emergency is raised",
            trigger: ".o_worksafe_emergency .o_ws_event_name:contains('EMG/')",
        },
        {
            content: "The emergency card tells what to do",
            trigger: ".o_ws_emergency_card:contains('Stop work')",
        },
        noSidewaysScroll("The emergency page"),
        {
            content: "Choose the muster point",
            trigger: "select[name='point_id']",
            run() {
                const option = [...this.anchor.options].find((o) =>
                    o.textContent.includes("Muster point A")
                );
                this.anchor.value = option.value;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "I am safe at this muster point",
            trigger: ".o_ws_checkin",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "No error",
            trigger: ".o_ws_emergency_message, .o_worksafe_emergency .alert-danger",
            run() {
                if (this.anchor.classList.contains("alert-danger")) {
                    throw new Error(`Check-in refused: ${this.anchor.textContent.trim()}`);
                }
            },
        },
        {
            content: "Checked in",
            trigger: ".o_ws_checked_in:contains('Muster point A')",
        },
    ],
});
