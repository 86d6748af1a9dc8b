import { registry } from "@web/core/registry";

// The applicant opens their draft from the list, submits it, and sees it waiting for
// approval with the chain its level requires.
registry.category("web_tour.tours").add("worksafe_permit_submit_tour", {
    steps: () => [
        {
            content: "Open the draft permit of the tour unit",
            trigger: ".o_list_view .o_data_row td:contains('Tour unit')",
            run: "click",
        },
        {
            content: "The level is computed from the parameters",
            trigger: ".o_form_view .o_field_widget[name='variant_id']:contains('Standard')",
        },
        {
            content: "Submit for approval",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            content: "The permit now waits for approval",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Submitted')",
        },
        {
            content: "Open the approvals",
            trigger: ".o_notebook .nav-link:contains('Approvals')",
            run: "click",
        },
        {
            content: "The approval chain of the variant was generated",
            trigger: ".o_form_view .o_field_widget[name='approval_progress']:contains('0 / 2')",
        },
    ],
});
