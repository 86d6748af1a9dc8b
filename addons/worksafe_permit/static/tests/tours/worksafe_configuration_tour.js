import { registry } from "@web/core/registry";

// The safety manager adds a step with photo evidence to a template …
registry.category("web_tour.tours").add("worksafe_template_add_step_tour", {
    steps: () => [
        {
            content: "Open the template's steps",
            trigger: ".o_notebook .nav-link:contains('Steps')",
            run: "click",
        },
        {
            content: "Add a step",
            trigger: ".o_field_widget[name='step_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name the step",
            trigger: ".o_field_widget[name='step_ids'] .o_selected_row .o_field_widget[name='name'] input",
            run: "edit Spark containment blanket in place",
        },
        {
            content: "Two photos of it are required",
            trigger: ".o_field_widget[name='step_ids'] .o_selected_row .o_field_widget[name='photo_count'] input",
            run: "edit 2",
        },
        {
            content: "Save the template",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});

// … and a step to a level's approval chain, with the site inspection.
registry.category("web_tour.tours").add("worksafe_variant_approval_chain_tour", {
    steps: () => [
        {
            content: "Open the approval chain",
            trigger: ".o_notebook .nav-link:contains('Approval chain')",
            run: "click",
        },
        {
            content: "Add an approval step",
            trigger: ".o_field_widget[name='approval_step_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name='approval_step_ids'] .o_selected_row .o_field_widget[name='name'] input",
            run: "edit Plant fire brigade sign-off",
        },
        {
            content: "Who approves: a safety officer",
            trigger: ".o_field_widget[name='approval_step_ids'] .o_selected_row .o_field_widget[name='group_id'] input",
            run: "edit Safety",
        },
        {
            content: "Choose the safety officer role",
            trigger: ".o-autocomplete--dropdown-item:contains('Safety'):first",
            run: "click",
        },
        {
            content: "At the work site",
            trigger: ".o_field_widget[name='approval_step_ids'] .o_selected_row .o_field_widget[name='site_check'] input",
            run: "click",
        },
        {
            content: "Save the level",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
