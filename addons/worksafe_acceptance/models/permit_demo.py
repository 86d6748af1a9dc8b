from odoo import api, fields, models

from ..rules import acceptance as rules


class WorksafePermitDemo(models.AbstractModel):
    _inherit = "worksafe.permit.demo"

    @api.model
    def _demo_acceptance(self, xmlid):
        """Demo data only: take the permit to hand-back through the real transitions and leave
        the crew's acceptance evidence, most of it passing, for the acceptor to check."""
        permit = self.env.ref(xmlid, raise_if_not_found=False)
        if not permit or permit.state != "draft" or permit.approval_ids:
            return
        self._demo_run(permit, {
            "target": "handed_back",
            "comments": ["Fire watch arranged with the unit operator.",
                         "Hot-work area inspected with the welder."],
            "gas": [{"minutes": 6, "point": "At the flange, 1 m above grade",
                     "readings": [("gas_o2", 20.9, "%vol"),
                                  ("gas_combustible", 0.0, "%vol")]}],
            "briefing": "Sparks contained by the blanket; extinguisher at hand; fire watch "
                        "for an hour after the last weld.",
        })
        self._demo_steps(permit, "closure")
        crew = permit.performing_authority_id.user_id
        for item in permit.acceptance_item_ids:
            item = item.with_user(crew)
            values = {}
            if item.photo_count:
                photos = self.env["ir.attachment"].with_user(crew).create([{
                    "name": f"{permit.name.replace('/', '-')} {item.photo_subject or item.name}"
                            f"{f' ({i + 1})' if i else ''}.png",
                    "raw": self._demo_photo(item.photo_subject or item.name, i),
                    "mimetype": "image/png", "res_model": item._name, "res_id": item.id,
                } for i in range(item.photo_count)])
                values["attachment_ids"] = [fields.Command.set(photos.ids)]
            if item.kind == rules.MEASUREMENT:
                values["measured_value"] = item.value_max - 12.0 \
                    if item.bound == rules.AT_MOST else item.value_min + 1.0
            if item.kind == rules.CHECK:
                values["answer"] = "yes"
            item.write(values)
        self._demo_flush()
