import { registry } from "@web/core/registry";

// The supervisor has the live board open; an alarm is raised in another session (the test
// does it through its own cursor). The banner, the roll-call counts and the route to the
// muster point appear by themselves: no reload, no click.
registry.category("web_tour.tours").add("worksafe_emergency_board_tour", {
    steps: () => [
        {
            content: "The board shows the muster point on the plan, no emergency yet",
            trigger: ".o_ws_board_plan .o_ws_board_muster[data-affected='0'] .o_ws_board_muster_mark",
            run() {
                if (document.querySelector(".o_ws_board_emergency")) {
                    throw new Error("an emergency banner before the alarm");
                }
                window.__wsEmergencyTourLoaded = true; // a page reload would forget this
            },
        },
        {
            content: "Alarm raised in another session: the banner appears, marked real",
            trigger: ".o_ws_board_emergency[data-drill='0'] .o_ws_board_real_badge",
            timeout: 30000,
        },
        {
            content: "The roll call counts and the route to the muster point are drawn",
            trigger: ".o_ws_board_plan .o_ws_board_muster[data-affected='1'] .o_ws_board_route",
            run() {
                if (!window.__wsEmergencyTourLoaded) {
                    throw new Error("the board was reloaded");
                }
                const missing = document.querySelector(".o_ws_board_muster_missing");
                if (!missing || missing.textContent.trim() !== "3") {
                    throw new Error("the missing count is not shown");
                }
            },
        },
    ],
});
