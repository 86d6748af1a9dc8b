
from odoo import models


class WorksafeAuditMixin(models.AbstractModel):
    """Records that append to the audit chain when they change in ways that matter."""

    _name = "worksafe.audit.mixin"
    _description = "WorkSafe audited record"

    def _audit(self, event_type, summary, values=None, permit=None):
        events = self.env["worksafe.audit.event"]
        for record in self:
            target = permit
            if target is None and "permit_id" in record._fields:
                target = record.permit_id
            events |= events._append(event_type, record, summary, values, permit=target)
        return events
