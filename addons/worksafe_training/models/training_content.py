
from odoo import fields, models


class WorksafeTrainingContent(models.Model):
    _name = "worksafe.training.content"
    _description = "Training content"
    _order = "sequence, id"

    training_id = fields.Many2one("worksafe.training", required=True, ondelete="cascade",
                                  index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection([("document", "Document"), ("video", "Video"),
                             ("slides", "Slides"), ("animation", "Animation")],
                            required=True, default="document")
    url = fields.Char("Link", help="A video or an online document.")
    file = fields.Binary(attachment=True)
    file_name = fields.Char()
    duration_minutes = fields.Integer("Duration (min)")
