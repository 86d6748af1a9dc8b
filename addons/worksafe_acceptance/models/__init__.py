from . import (
    template_step_criterion,
    template_step,
    acceptance_item,
    permit,
    permit_demo,
)
