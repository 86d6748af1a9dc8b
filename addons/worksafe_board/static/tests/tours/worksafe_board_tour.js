import { registry } from "@web/core/registry";

// The supervisor has the live board open; meanwhile a permit is suspended in another
// session (the test does it through its own cursor). The board turns the permit orange by
// itself: no reload, no click.
registry.category("web_tour.tours").add("worksafe_board_live_tour", {
    steps: () => [
        {
            content: "The board shows the permit at work on the plan",
            trigger: ".o_ws_board_plan .o_ws_board_permit[data-state='active']",
            run() {
                // a page reload would forget this
                window.__wsBoardTourLoaded = true;
            },
        },
        {
            content: "The permit is listed as in progress",
            trigger: ".o_ws_board_side .o_ws_board_item_permit[data-state='active']",
        },
        {
            content: "Suspended in another session: the plan turns it orange by itself",
            trigger: ".o_ws_board_plan .o_ws_board_permit[data-state='suspended']",
            timeout: 30000,
        },
        {
            content: "The list and the counters follow, without a reload",
            trigger: ".o_ws_board_side .o_ws_board_item_permit[data-state='suspended']",
            run() {
                if (!window.__wsBoardTourLoaded) {
                    throw new Error("the board was reloaded");
                }
                const counter = document.querySelector(".o_ws_board_counter[data-counter='suspended'] b");
                if (!counter || counter.textContent.trim() !== "1") {
                    throw new Error("the suspended counter did not follow");
                }
            },
        },
    ],
});
