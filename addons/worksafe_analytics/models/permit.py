from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

from ..rules.violations import START_REFUSED_EVENT


class WorksafePermit(models.Model):
    _inherit = "worksafe.permit"

    def _build_steps(self):
        """Link each built step to its template step (same order as the template lists
        them for the variant)."""
        result = super()._build_steps()
        template_steps = self.template_id._steps_for_variant(self.variant_id)
        steps = self.step_ids.sorted(lambda s: (s.sequence, s.id))
        if len(steps) == len(template_steps):
            for step, template_step in zip(steps, template_steps, strict=True):
                step._system_write({"template_step_id": template_step.id})
        return result

    @api.model
    def _analytics_record_refused_start(self, token):
        """After a start attempt from the QR code: if the permit is still waiting to start
        (or resume) although its crew tried, append `permit.start_refused` with the codes
        of what was missing."""
        try:
            permit = self._permit_from_token(token)
        except (ValidationError, AccessError):
            return False
        if permit.state not in ("issued", "suspended") or not permit._is_on_crew(
                self.env.user):
            return False
        blockers = permit._get_blockers(permit._start_stage())
        codes = sorted({b.code for b in blockers})
        if not codes:
            return False
        return permit._audit(START_REFUSED_EVENT, self.env._("Start on site refused"),
                             {"codes": codes, "stage": permit._start_stage()})
