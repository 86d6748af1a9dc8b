import { registry } from "@web/core/registry";
import { noSidewaysScroll } from "@worksafe_permit/../tests/tours/worksafe_phone_site_tour";

// Acceptance on a phone (the tests run these at 390 px wide with touch): the area authority
// passes items and fails one with a note, a photo and its rectification, and opens the
// rectification; the owner fixes it with evidence; another person verifies it; the safety
// officer closes the permit.

const PNG_1PX =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4DwAAAQEABRjYTgAAAABJRU5ErkJggg==";

function setFile(selector, name) {
    return {
        content: `Take a photo (${name})`,
        trigger: `${selector} input[type='file']:not(:visible)`,
        run() {
            const bytes = Uint8Array.from(atob(PNG_1PX), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: "image/png" }));
            this.anchor.files = transfer.files;
            this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

/** Click a header button (`button` selects it within the header); on a phone all but the
 * first sit in the "More" dropdown. */
function headerButton(name, content, scope = ".o_form_view", button = "") {
    const which = `button[name='${name}']${button}`;
    return {
        content,
        trigger: `${scope} .o_statusbar_buttons`,
        async run(helpers) {
            const selector = `${scope} .o_statusbar_buttons ${which}`;
            if (!document.querySelector(selector)) {
                await helpers.click(`${scope} .o_statusbar_buttons .dropdown-toggle, ${scope} .o_statusbar_buttons button[title='More']`);
                await helpers.waitFor(`.o-dropdown--menu ${which}`, { timeout: 5000 });
                await helpers.click(`.o-dropdown--menu ${which}`);
            } else {
                await helpers.click(selector);
            }
        },
    };
}

// An item not checked yet shows its preliminary verdict (the site check's badge is hidden).
const TO_CHECK = ".o_field_widget[name='acceptance_item_ids'] .o_kanban_record:has(div[name='preliminary']), .o_field_widget[name='acceptance_item_ids'] .o_data_row:not(:has(td[name='result'] .badge))";
const ITEM_DIALOG = ".modal:has(.o_field_widget[name='requirement'])";

function openAcceptance() {
    return [
        {
            content: "The permit form opens on the phone",
            trigger: ".o_form_view .o_field_widget[name='name']",
        },
        {
            content: "Open the Acceptance tab",
            trigger: ".o_notebook .nav-link:contains('Acceptance')",
            run: "click",
        },
        noSidewaysScroll("Acceptance tab"),
    ];
}

function closeItemDialog() {
    return {
        content: "Back to the permit",
        trigger: "body",
        async run(helpers) {
            if (document.querySelector(ITEM_DIALOG)) {
                await helpers.click(`${ITEM_DIALOG} .modal-header button, ${ITEM_DIALOG} .btn-close`);
            }
            await helpers.waitFor(".o_field_widget[name='acceptance_item_ids']", { timeout: 5000 });
        },
    };
}

function passNextItem(index) {
    return [
        {
            content: `Open an item to check (${index})`,
            trigger: TO_CHECK,
            run: "click",
        },
        noSidewaysScroll("Acceptance item"),
        headerButton("action_open_check_wizard", "Pass it", ITEM_DIALOG, ".btn-primary"),
        {
            content: "Record the pass",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The item is passed",
            trigger: `${ITEM_DIALOG} .o_field_widget[name='result'] .badge`,
        },
        closeItemDialog(),
    ];
}

registry.category("web_tour.tours").add("worksafe_acceptance_phone_tour", {
    steps: () => [
        ...openAcceptance(),
        ...passNextItem(1),
        ...passNextItem(2),
        {
            content: "Open the last item to check",
            trigger: TO_CHECK,
            run: "click",
        },
        headerButton("action_open_check_wizard", "Fail it", ITEM_DIALOG, ".btn-danger"),
        {
            content: "Say what is wrong",
            trigger: ".modal .o_field_widget[name='note'] textarea",
            run: "edit Grating clamp missing at the access opening",
        },
        setFile(".modal .o_field_widget[name='photo']", "failure.png"),
        {
            content: "The photo is shown",
            trigger: ".modal .o_field_widget[name='photo'] img",
        },
        {
            content: "What the rectification requires",
            trigger: ".modal .o_field_widget[name='rect_requirement'] textarea",
            run: "edit Fit the missing grating clamp and check all four",
        },
        {
            content: "The performing authority owns it by default",
            trigger: ".modal .o_field_widget[name='owner_id'] input:value('Yang Bo')",
        },
        noSidewaysScroll("Fail dialog"),
        {
            content: "Record the failure and open the rectification",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The item failed, with its rectification",
            trigger: `${ITEM_DIALOG} .o_field_widget[name='rectification_id']`,
        },
        headerButton("action_view_rectification", "Open its rectification", ITEM_DIALOG),
        {
            content: "The rectification is open, owned by Yang Bo",
            trigger: ".o_form_view .o_statusbar_status:has(.o_arrow_button_current:contains('Open'))",
        },
        noSidewaysScroll("Rectification"),
    ],
});

registry.category("web_tour.tours").add("worksafe_acceptance_rectify_tour", {
    steps: () => [
        headerButton("action_start", "Start the work"),
        {
            content: "In progress",
            trigger: ".o_statusbar_status:has(.o_arrow_button_current:contains('In progress'))",
        },
        {
            content: "Say what was done",
            trigger: ".o_field_widget[name='done_note'] textarea",
            run: "edit Clamp fitted, all four checked by hand",
        },
        setFile(".o_field_widget[name='evidence_attachment_ids']", "fixed.png"),
        {
            content: "The photo is attached",
            trigger: ".o_field_widget[name='evidence_attachment_ids'] .o_attachment",
        },
        noSidewaysScroll("Rectification evidence"),
        headerButton("action_done", "Mark it done"),
        {
            content: "Done",
            trigger: ".o_statusbar_status:has(.o_arrow_button_current:contains('Done'))",
        },
    ],
});

registry.category("web_tour.tours").add("worksafe_acceptance_verify_tour", {
    steps: () => [
        headerButton("action_verify", "The verification passed"),
        {
            content: "Verified",
            trigger: ".o_statusbar_status:has(.o_arrow_button_current:contains('Verified'))",
        },
    ],
});

registry.category("web_tour.tours").add("worksafe_acceptance_close_tour", {
    steps: () => [
        ...openAcceptance(),
        headerButton("action_close", "Close the permit"),
        {
            content: "Closed",
            trigger: ".o_form_view .ribbon:contains('Closed')",
        },
    ],
});
