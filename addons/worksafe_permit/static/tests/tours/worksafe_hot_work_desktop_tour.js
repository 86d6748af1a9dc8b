import { formatDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";

const { DateTime } = luxon;

// The test (tests/test_tour_hot_work_desktop.py) gives the tour its own area, "Workshop bay 3",
// so that the permit's row is easy to tell from the demo permits.
const AREA = "Workshop bay 3";
const PERMIT_ROW = `.o_data_row:has(td[name='area_id']:contains('${AREA}'))`;

function pick(field, text) {
    return [
        {
            content: `Type ${text} in ${field}`,
            trigger: `.o_form_view .o_field_widget[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-item:contains('${text}')`,
            run: "click",
        },
    ];
}

// The applicant (a planner) requests hot work in the workshop: the template follows the work
// type and the plant's industry, the level follows the site parameters, the crew is named, each
// control measure is answered "applies?", and the permit is submitted for approval.
registry.category("web_tour.tours").add("worksafe_hot_work_apply_tour", {
    steps: () => {
        const start = DateTime.now().plus({ minutes: 15 }).startOf("minute");
        const end = start.plus({ hours: 4 });
        return [
            {
                content: "Request a new permit",
                trigger: ".o_control_panel .o_list_button_add",
                run: "click",
            },
            ...pick("work_type_id", "Hot work"),
            {
                content: "The template of the plant's industry is proposed",
                trigger:
                    ".o_form_view .o_field_widget[name='template_id'] input:value('Hot work in a chemical plant')",
            },
            ...pick("area_id", AREA),
            {
                content: "Planned start",
                trigger: ".o_form_view .o_field_widget[name='planned_start'] input",
                run: `edit ${formatDateTime(start)} && press Enter`,
            },
            {
                content: "Planned end",
                trigger: ".o_form_view .o_field_widget[name='planned_end'] input",
                run: `edit ${formatDateTime(end)} && press Enter`,
            },
            {
                content: "Level parameter: the pipe being welded is in operation",
                trigger: ".o_form_view .o_field_widget[name='running_equipment'] input",
                run: "click",
            },
            {
                content: "Describe the work",
                trigger: ".o_form_view .o_field_widget[name='description'] textarea",
                run: "edit Weld a new support bracket on the cooling water header",
            },
            {
                content: "The level is computed from the site and the window",
                trigger: ".o_form_view .o_field_widget[name='variant_id']:contains('level')",
            },
            {
                content: "Name the crew",
                trigger: ".o_notebook .nav-link:contains('People')",
                run: "click",
            },
            ...pick("performing_authority_id", "Yang Bo"),
            ...pick("watcher_ids", "Zhang Wei"),
            ...pick("worker_ids", "Wu Tao"),
            {
                content: "Save the draft: the risk assessment and measures come from the template",
                trigger: ".o_form_view .o_form_button_save",
                run: "click",
            },
            {
                content: "Saved",
                trigger: ".o_form_saved",
            },
            {
                content: "Open the risk assessment",
                trigger: ".o_notebook .nav-link:contains('Risk assessment')",
                run: "click",
            },
            {
                content: "The template's control measures are listed",
                trigger: ".o_field_widget[name='measure_ids'] .o_data_row",
            },
            {
                content: "Answer every control measure: it applies",
                trigger: ".o_field_widget[name='measure_ids'] .o_data_row",
                timeout: 60000, // one step, one edit per measure
                async run(helpers) {
                    const rows = document.querySelectorAll(
                        ".o_field_widget[name='measure_ids'] .o_data_row"
                    );
                    for (let index = 0; index < rows.length; index++) {
                        const cell = `.o_field_widget[name='measure_ids'] .o_data_row:eq(${index}) td[name='applies']`;
                        await helpers.click(cell);
                        await helpers.waitFor(`${cell} .o_select_menu_toggler`);
                        await helpers.click(`${cell} .o_select_menu_toggler`);
                        await helpers.waitFor(".o_select_menu_item:contains('Applies')");
                        await helpers.click(".o_select_menu_item:contains('Applies')");
                        await helpers.waitUntil(
                            () => !document.querySelector(".o_select_menu_item"),
                            { timeout: 5000 }
                        );
                    }
                },
            },
            {
                content: "Save the draft",
                trigger: ".o_form_view .o_form_button_save",
                run: "click",
            },
            {
                content: "Saved",
                trigger: ".o_form_saved",
            },
            {
                content: "Submit for approval",
                trigger: ".o_form_view button[name='action_submit']",
                run: "click",
            },
            {
                content: "The permit waits for approval",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains('Submitted')",
            },
        ];
    },
});

// An approver opens the permits waiting for them, finds the workshop permit and approves their
// step (confirming the site inspection where the step requires it).
registry.category("web_tour.tours").add("worksafe_permit_approve_tour", {
    steps: () => [
        {
            content: "The permit is in the list of permits waiting for me",
            trigger: `.o_list_view ${PERMIT_ROW} td[name='area_id']`,
            run: "click",
        },
        {
            content: "The permit opens",
            trigger: `.o_form_view .o_field_widget[name='area_id']:contains('${AREA}')`,
        },
        {
            content: "Approve my step",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_open_approve_wizard']",
            run: "click",
        },
        {
            content: "The dialog names the step being approved",
            trigger: ".modal .o_field_widget[name='step_name']",
            async run(helpers) {
                const siteCheck = document.querySelector(
                    ".modal .o_field_widget[name='site_checked'] input"
                );
                if (siteCheck && !siteCheck.checked) {
                    await helpers.click(".modal .o_field_widget[name='site_checked'] input");
                }
                await helpers.edit(
                    "Checked the welding area and the fire extinguishers",
                    ".modal .o_field_widget[name='comment'] textarea"
                );
            },
        },
        {
            content: "Confirm the approval",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            // Approve stays (not highlighted) for approvers who cannot decide the next step,
            // so that they can see why: my own step is done, the permit no longer waits for me.
            content: "My step is done: the permit no longer waits for me",
            trigger: ".o_form_view:not(:has(.modal)) .o_statusbar_buttons:not(:has(button.btn-primary[name='action_open_approve_wizard']))",
        },
    ],
});

// An approver who may not decide the current step (an expired authorisation, or a step of
// the chain already theirs) opens the permit and presses Approve: the dialog says why, and
// who can, instead of offering to approve.
registry.category("web_tour.tours").add("worksafe_permit_approve_refused_tour", {
    steps: () => [
        {
            content: "Approve (not highlighted: the permit does not wait for me)",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_open_approve_wizard']:not(.btn-primary)",
            run: "click",
        },
        {
            content: "I am told why I cannot decide the step and who can",
            trigger: ".modal .alert-danger .o_field_widget[name='refusal']:not(:empty)",
        },
        {
            content: "There is nothing to confirm",
            trigger: ".modal:not(:has(.modal-footer button[name='action_confirm']))",
        },
        {
            content: "Close the dialog",
            trigger: ".modal .modal-footer button.btn-secondary",
            run: "click",
        },
        {
            content: "The form is back",
            trigger: ".o_form_view:not(:has(.modal))",
        },
    ],
});

// The safety officer confirms the applicable control measures on site and issues the permit.
registry.category("web_tour.tours").add("worksafe_permit_issue_tour", {
    steps: () => [
        {
            content: "The approved permit is in the list to issue",
            trigger: `.o_list_view ${PERMIT_ROW} td[name='area_id']`,
            run: "click",
        },
        {
            content: "Open the risk assessment",
            trigger: ".o_notebook .nav-link:contains('Risk assessment')",
            run: "click",
        },
        {
            content: "Confirm every applicable control measure",
            trigger: ".o_field_widget[name='measure_ids'] button[name='action_confirm']",
            // one step, one server round trip per measure: the default 10 s is for one action
            timeout: 60000,
            async run(helpers) {
                const selector = ".o_field_widget[name='measure_ids'] button[name='action_confirm']";
                while (document.querySelector(selector)) {
                    const count = document.querySelectorAll(selector).length;
                    await helpers.click(selector);
                    await helpers.waitUntil(
                        () => document.querySelectorAll(selector).length < count,
                        { timeout: 5000 }
                    );
                }
            },
        },
        {
            content: "Issue the permit",
            trigger: ".o_form_view button[name='action_issue']",
            run: "click",
        },
        {
            content: "The permit is issued",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Issued')",
        },
    ],
});
