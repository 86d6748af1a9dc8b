import { registry } from "@web/core/registry";
import { noSidewaysScroll } from "@worksafe_permit/../tests/tours/worksafe_phone_site_tour";

// The contractor's manager opens the portal on a phone and sees their staff's certificates
// and authorisations, without scrolling sideways.
registry.category("web_tour.tours").add("worksafe_portal_staff_phone_tour", {
    steps: () => [
        {
            content: "My staff's certificates are listed",
            trigger: ".o_worksafe_certificates tbody tr",
        },
        {
            content: "Their work authorisations are shown",
            trigger: ".o_worksafe_authorisations",
        },
        {
            content: "Only my company's people: Hengtai staff",
            trigger: ".o_worksafe_certificates tbody tr:contains('Lu Gang')",
        },
        noSidewaysScroll("Portal qualifications"),
    ],
});

// HR records a welder's certificate from the employee's record.
registry.category("web_tour.tours").add("worksafe_hr_certificate_tour", {
    steps: () => [
        {
            content: "New certificate",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Who holds it",
            trigger: ".o_field_widget[name='employee_id'] input",
            run: "edit Wu Tao",
        },
        {
            content: "Wu Tao",
            trigger: ".o-autocomplete--dropdown-item:contains('Wu Tao')",
            run: "click",
        },
        {
            content: "Kind of certificate",
            trigger: ".o_field_widget[name='skill_type_id'] input",
            run: "edit State special",
        },
        {
            content: "State special-operation certificates",
            trigger: ".o-autocomplete--dropdown-item:contains('State special-operation')",
            run: "click",
        },
        {
            content: "Which certificate",
            trigger: ".o_field_widget[name='skill_id'] input",
            run: "edit Welding",
        },
        {
            content: "Welding and hot cutting",
            trigger: ".o-autocomplete--dropdown-item:contains('Welding')",
            run: "click",
        },
        {
            content: "Level",
            trigger: ".o_field_widget[name='skill_level_id'] input",
            run: "edit Certified",
        },
        {
            content: "Certified",
            trigger: ".o-autocomplete--dropdown-item:contains('Certified')",
            run: "click",
        },
        {
            content: "Certificate number",
            trigger: ".o_field_widget[name='worksafe_number'] input",
            run: "edit T320411199001011234",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});

// A worker, trained by the safety officer, takes the hot-work exam from their own login
// (the "Take the exam" button opens the exam's start page).
registry.category("web_tour.tours").add("worksafe_worker_exam_tour", {
    steps: () => [
        {
            content: "Start the exam",
            trigger: "button.btn-primary:contains('Start')",
            run: "click",
        },
        {
            content: "Gas sample: at most 30 minutes before",
            trigger:
                "div.js_question-wrapper:contains('gas sample') label:contains('30 minutes')",
            run: "click",
        },
        {
            content: "Next question or submit",
            trigger: "button[type='submit']",
            run: "click",
        },
        {
            content: "The watcher leaves: the work stops",
            trigger: "div.js_question-wrapper:contains('watcher leaves') label:contains('It stops')",
            run: "click",
        },
        {
            content: "Submit the exam",
            trigger: "button[type='submit']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button.btn-primary:contains('Submit')",
            run: "click",
        },
        {
            content: "The result is shown",
            trigger: "h1:contains('You scored'), h1:contains('Congratulations'), .o_survey_result, .o_survey_finished",
        },
    ],
});
