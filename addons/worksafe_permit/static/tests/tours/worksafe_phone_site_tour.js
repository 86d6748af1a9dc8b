import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

// On site, on a phone (the tests run these at 390 px wide with touch): the crew scans the
// permit's QR code, records a gas test, signs the briefing, completes the steps with photos,
// checks in, starts, suspends, resumes and hands back; the safety officer closes.

// A 1×1 PNG: the photo the phone "takes".
const PNG_1PX =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4DwAAAQEABRjYTgAAAABJRU5ErkJggg==";

/** A tour step asserting that the page does not scroll sideways. */
export function noSidewaysScroll(where) {
    return {
        content: `${where}: nothing wider than the phone`,
        trigger: "body",
        run() {
            const width = document.documentElement.scrollWidth;
            if (width > window.innerWidth) {
                const wide = [...document.querySelectorAll("body *")]
                    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5)
                    .map((el) => `${el.tagName}.${[...el.classList].join(".")}`);
                throw new Error(
                    `${where} scrolls sideways: ${width}px > ${window.innerWidth}px (${wide.join(", ")})`
                );
            }
        },
    };
}

function uploadPhoto(name) {
    return {
        content: `Take a photo (${name})`,
        trigger: ".o_field_widget[name='attachment_ids'] input[type='file']:not(:visible)",
        run() {
            const bytes = Uint8Array.from(atob(PNG_1PX), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: "image/png" }));
            this.anchor.files = transfer.files;
            this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

/** Choose `text` in a many2one on a phone: the field opens a search dialog. */
function pickOnPhone(field, text, scope = ".modal") {
    return [
        {
            content: `Open the choices of ${field}`,
            trigger: `${scope} .o_field_widget[name='${field}'] input`,
            run: "click",
        },
        {
            content: "Show the search bar",
            trigger: ".modal .o_control_panel button:has(.fa-search)",
            run: "click",
        },
        {
            content: `Search ${text}`,
            trigger: ".modal .o_searchview_input",
            run: `edit ${text}`,
        },
        {
            content: `Search by name`,
            trigger: `.o-dropdown-item:contains('${text}'):first`,
            run: "click",
        },
        {
            content: `Choose ${text}`,
            trigger: `.modal .o_kanban_record:contains('${text}'), .modal .o_data_row:contains('${text}')`,
            run: "click",
        },
        {
            content: `${text} chosen`,
            trigger: `${scope} .o_field_widget[name='${field}'] input:value('${text}')`,
        },
    ];
}

/** Click a header button; on a phone all but the first sit in the "More" dropdown. */
function headerButton(name, content) {
    return {
        content,
        trigger: ".o_form_view .o_statusbar_buttons",
        async run(helpers) {
            const selector = `.o_form_view .o_statusbar_buttons button[name='${name}']`;
            if (!document.querySelector(selector)) {
                await helpers.click(".o_form_view .o_statusbar_buttons .dropdown-toggle, .o_form_view .o_statusbar_buttons button[title='More']");
                await helpers.waitFor(`.o-dropdown--menu button[name='${name}']`, { timeout: 5000 });
                await helpers.click(`.o-dropdown--menu button[name='${name}']`);
            } else {
                await helpers.click(selector);
            }
        },
    };
}

function openPermitFromScan() {
    return [
        noSidewaysScroll("Scan page"),
        {
            content: "Open the full permit from the scan page",
            trigger: ".o_worksafe_scan a.o_worksafe_open_permit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The permit form opens on the phone",
            trigger: ".o_form_view .o_field_widget[name='name']",
        },
    ];
}

function openTab(name) {
    return {
        content: `Open the ${name} tab`,
        trigger: `.o_notebook .nav-link:contains('${name}')`,
        run: "click",
    };
}

// --------------------------------------------------------------------- scan page: blocked
registry.category("web_tour.tours").add("worksafe_phone_scan_blocked_tour", {
    steps: () => [
        {
            content: "The scan page shows the permit",
            trigger: ".o_worksafe_scan h1:contains('PTW')",
        },
        {
            content: "It says why work cannot start",
            trigger: ".o_worksafe_scan .card.border-danger .list-group-item",
        },
        {
            content: "The start button is disabled",
            trigger: ".o_worksafe_scan form[action$='/start'] button[disabled]",
        },
        noSidewaysScroll("Scan page (blocked)"),
    ],
});

// --------------------------------------------------------------------- gas test (watcher)
registry.category("web_tour.tours").add("worksafe_phone_gas_test_tour", {
    steps: () => [
        ...openPermitFromScan(),
        openTab("Gas"),
        {
            content: "Record a gas test",
            trigger: ".o_form_view button:contains('Record a gas test')",
            run: "click",
        },
        {
            content: "I am the analyst (proposed, since I may act as gas analyst)",
            trigger: ".modal .o_field_widget[name='analyst_id'] input:value('Zhang Wei')",
        },
        {
            content: "Where the sample was taken",
            trigger: ".modal .o_field_widget[name='sample_point'] input",
            run: "edit Header flange, 1 m from the weld",
        },
        ...["Oxygen", "Combustible"].flatMap((gas, index) => [
            {
                content: `Add the ${gas} reading`,
                trigger: ".modal .o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
                run: "click",
            },
            {
                content: `Which gas (a list on the phone)`,
                trigger: `.modal .o_field_widget[name='line_ids'] .o_data_row:eq(${index}) .o_field_widget[name='gas_id'] input`,
                run: "click",
            },
            {
                content: `Choose ${gas}`,
                trigger: `.modal .o_kanban_record:contains('${gas}'), .modal .o_data_row:not(.o_selected_row):contains('${gas}')`,
                run: "click",
            },
            {
                content: `${gas} value`,
                trigger: `.modal .o_field_widget[name='line_ids'] .o_data_row:eq(${index}) .o_field_widget[name='value'] input`,
                run: `edit ${gas === "Oxygen" ? "20.9" : "0"}`,
            },
        ]),
        {
            content: "Save the gas test",
            trigger: ".modal .modal-footer .o_form_button_save, .modal .modal-footer button:contains('Save')",
            run: "click",
        },
        {
            content: "The test is listed as passed",
            trigger: ".o_field_widget[name='gas_test_ids'] .o_data_row, .o_field_widget[name='gas_test_ids'] .o_kanban_record",
        },
    ],
});

// --------------------------------------------------------------------- briefing
// The performing authority holds the briefing (GB 30871) and records it on the phone.
registry.category("web_tour.tours").add("worksafe_phone_briefing_tour", {
    steps: () => [
        ...openPermitFromScan(),
        openTab("Briefing"),
        {
            content: "Hold the briefing",
            trigger: ".o_field_widget[name='briefing_ids'] .o_field_x2many_list_row_add a, .o_field_widget[name='briefing_ids'] .o-kanban-button-new, .o_field_widget[name='briefing_ids'] button:contains('Add')",
            run: "click",
        },
        ...pickOnPhone("briefer_id", "Yang Bo"),
        noSidewaysScroll("Briefing dialog"),
        {
            content: "What was said",
            trigger: ".modal .o_field_widget[name='content'] textarea",
            run: "edit Hot surfaces, sparks into the drain, escape route past the workshop door",
        },
        {
            content: "Save the briefing",
            trigger: ".modal .modal-footer .o_form_button_save, .modal .modal-footer button:contains('Save')",
            run: "click",
        },
        {
            content: "Save the permit with its briefing",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "The briefing is listed",
            trigger: ".o_field_widget[name='briefing_ids'] .o_kanban_record",
        },
        noSidewaysScroll("Permit form, briefing tab"),
    ],
});

// Each person signs for themselves (the tests run this once per login).
registry.category("web_tour.tours").add("worksafe_phone_sign_briefing_tour", {
    steps: () => [
        ...openPermitFromScan(),
        openTab("Briefing"),
        {
            content: "Open the briefing",
            trigger: ".o_field_widget[name='briefing_ids'] .o_kanban_record",
            run: "click",
        },
        {
            content: "Sign my own line",
            trigger: `.modal .o_field_widget[name='signature_ids'] .o_kanban_record:contains('${user.name}') button[name='action_sign']`,
            run: "click",
        },
        {
            content: "My signature is recorded",
            trigger: `.modal .o_field_widget[name='signature_ids'] .o_kanban_record:contains('${user.name}'):not(:has(button[name='action_sign']))`,
        },
        noSidewaysScroll("Briefing signatures"),
    ],
});

// --------------------------------------------------------------------- steps with evidence
// The performing authority walks the "before start" steps: ticks each checklist, takes the
// photos asked for and marks the step done.
registry.category("web_tour.tours").add("worksafe_phone_steps_tour", {
    steps: () => [
        ...openPermitFromScan(),
        openTab("Steps"),
        ...["Process isolation", "Surroundings within the safety distances"].flatMap((step) => [
            {
                content: `Open the step ${step}`,
                trigger: `.o_field_widget[name='step_ids'] .o_kanban_record:contains('${step}'), .o_field_widget[name='step_ids'] .o_data_row:contains('${step}')`,
                run: "click",
            },
            {
                content: "The step opens under its own name",
                trigger: `.modal .modal-title:contains('${step}'), .o_breadcrumb .active:contains('${step}')`,
            },
            {
                content: "Tick every item of the checklist",
                trigger: ".o_field_widget[name='check_ids'] .o_field_boolean_toggle input",
                async run(helpers) {
                    const toggles = ".o_field_widget[name='check_ids'] .o_field_boolean_toggle input:not(:checked)";
                    while (document.querySelector(toggles)) {
                        await helpers.click(toggles);
                        await helpers.animationFrame();
                    }
                },
            },
            uploadPhoto(`${step}.png`),
            {
                content: "The photo is attached",
                trigger: ".o_field_widget[name='attachment_ids'] .o_attachment",
            },
            noSidewaysScroll(`Step ${step}`),
            {
                content: "Mark the step as done",
                trigger: ".o_form_view button[name='action_done']",
                run: "click",
            },
            {
                content: "The step is done",
                trigger: ".o_statusbar_status:has(.o_arrow_button_current:contains('Done'))",
            },
            {
                content: "Back to the permit (the step opens as a dialog or a page)",
                trigger: "body",
                async run(helpers) {
                    const dialogBack = ".modal .modal-header button, .modal .btn-close";
                    if (document.querySelector(".modal")) {
                        await helpers.click(dialogBack);
                    } else {
                        await helpers.click(".o_breadcrumb .o_back_button, .o_breadcrumb li.breadcrumb-item:not(.active) a");
                    }
                    await helpers.waitFor(".o_field_widget[name='step_ids']", { timeout: 5000 });
                },
            },
        ]),
    ],
});

// --------------------------------------------------------------------- check in, start …
registry.category("web_tour.tours").add("worksafe_phone_check_in_tour", {
    steps: () => [
        noSidewaysScroll("Scan page (watcher)"),
        {
            content: "I am the watcher: check in",
            trigger: ".o_worksafe_scan form[action$='/checkin'] button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Checked in",
            trigger: ".o_worksafe_scan .alert-success",
        },
        {
            content: "I am listed as the watcher on site",
            trigger: ".o_worksafe_scan dd.text-success:contains('Zhang Wei')",
        },
    ],
});

registry.category("web_tour.tours").add("worksafe_phone_start_tour", {
    steps: () => [
        {
            content: "All preconditions hold",
            trigger: ".o_worksafe_scan .alert-success:contains('preconditions')",
        },
        noSidewaysScroll("Scan page (ready)"),
        {
            content: "Start work",
            trigger: ".o_worksafe_scan form[action$='/start'] button:not([disabled])",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Work is in progress",
            trigger: ".o_worksafe_scan .badge.text-bg-success",
        },
    ],
});

registry.category("web_tour.tours").add("worksafe_phone_suspend_tour", {
    steps: () => [
        ...openPermitFromScan(),
        headerButton("action_open_suspend_wizard", "Stop the work"),
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit Smell of solvent near the drain",
        },
        {
            content: "Suspend",
            trigger: ".modal .modal-footer button[name='action_confirm']:visible",
            run: "click",
        },
        {
            content: "The permit is suspended",
            trigger: ".o_form_view .alert-danger:contains('suspended')",
        },
    ],
});

registry.category("web_tour.tours").add("worksafe_phone_hand_back_tour", {
    steps: () => [
        ...openPermitFromScan(),
        headerButton("action_hand_back", "Hand the permit back"),
        {
            content: "Confirm that the site is left safe",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Handed back",
            trigger: ".o_statusbar_status:has(.o_arrow_button_current:contains('Handed back'))",
        },
    ],
});

registry.category("web_tour.tours").add("worksafe_close_tour", {
    steps: () => [
        headerButton("action_close", "Close the permit after inspecting the area"),
        {
            content: "Closed",
            trigger: ".o_form_view .ribbon:contains('Closed')",
        },
    ],
});
