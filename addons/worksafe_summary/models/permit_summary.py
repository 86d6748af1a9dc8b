import base64
import io
import logging

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)

REPORT = "worksafe_summary.action_report_permit_summary"
SAFETY_OFFICER = "worksafe_permit.group_worksafe_safety_officer"


class WorksafePermitSummary(models.Model):
    """The summary report of a closed permit: generated when it closes, attached to it as PDF
    and XLSX, searchable by permit, work type, area, contractor, date and its full text."""

    _name = "worksafe.permit.summary"
    _description = "Permit summary report"
    _inherit = ["worksafe.guarded.mixin"]
    _order = "closed_at desc, id desc"
    _check_company_auto = True

    permit_id = fields.Many2one("worksafe.permit", "Permit", required=True, index=True,
                                ondelete="cascade", readonly=True)
    name = fields.Char("Number", related="permit_id.name", store=True, index="trigram")
    company_id = fields.Many2one(related="permit_id.company_id", store=True, index=True)
    work_type_id = fields.Many2one(related="permit_id.work_type_id", store=True, index=True)
    area_id = fields.Many2one(related="permit_id.area_id", store=True, index=True)
    contractor_id = fields.Many2one(related="permit_id.contractor_id", store=True, index=True)
    closed_at = fields.Datetime("Closed at", readonly=True, index=True)
    closed_by_id = fields.Many2one("res.users", "Closed by", readonly=True)
    lessons_learned = fields.Text(
        "Lessons learned",
        help="Written by a safety officer; print the summary again to include a change.")
    content = fields.Text("Full text", readonly=True, index="trigram",
                          help="The whole summary as text, for searching.")
    pdf_attachment_id = fields.Many2one("ir.attachment", "PDF", readonly=True)
    xlsx_attachment_id = fields.Many2one("ir.attachment", "XLSX", readonly=True)
    generated_at = fields.Datetime("Generated at", readonly=True)
    pdf_failed = fields.Boolean("PDF not generated", readonly=True,
                                help="The PDF could not be rendered: print it again.")
    deviation_count = fields.Integer("Deviations", readonly=True)
    stop_count = fields.Integer("Suspensions", readonly=True)
    alarm_count = fields.Integer("Alarms", readonly=True)
    gas_test_count = fields.Integer("Gas tests", readonly=True)
    rectification_count = fields.Integer("Rectifications", readonly=True)

    _permit_unique = models.UniqueIndex("(permit_id)")

    # Written by the generation only; people write the lessons (safety officers).
    _guard_system_fields = frozenset({
        "permit_id", "closed_at", "closed_by_id", "content", "pdf_attachment_id",
        "xlsx_attachment_id", "generated_at", "pdf_failed", "deviation_count", "stop_count",
        "alarm_count", "gas_test_count", "rectification_count"})
    _guard_user_fields = frozenset({"lessons_learned"})
    _guard_deletable_states = frozenset()

    def _guard_check_write(self, changes):
        if not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("The lessons learned are written by a safety officer."))

    def _guard_check_create(self, vals_list):
        raise AccessError(self.env._("Summary reports are generated when a permit closes."))

    # ------------------------------------------------------------------ generation
    def _file_name(self, extension):
        self.ensure_one()
        number = (self.permit_id.name or str(self.permit_id.id)).replace("/", "-")
        return self.env._("%(permit)s summary.%(ext)s", permit=number, ext=extension)

    def _generate(self, data):
        """Write the files and the searchable fields of this summary from `data`
        (worksafe.permit._summary_data())."""
        self.ensure_one()
        summary = self.sudo()
        pdf = summary._render_pdf(data)
        xlsx = summary._xlsx_content(data)
        files = {}
        for fname, content, extension, mimetype in (
                ("pdf_attachment_id", pdf, "pdf", "application/pdf"),
                ("xlsx_attachment_id", xlsx, "xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")):
            if content is None:
                continue
            vals = {"name": summary._file_name(extension), "raw": content,
                    "mimetype": mimetype, "res_model": "worksafe.permit",
                    "res_id": summary.permit_id.id, "company_id": summary.company_id.id}
            attachment = summary[fname]
            if attachment:
                attachment.write(vals)
            else:
                attachment = self.env["ir.attachment"].sudo().create(vals)
            files[fname] = attachment.id
        close = self.env["worksafe.audit.event"].sudo().search(
            [("permit_id", "=", summary.permit_id.id), ("event_type", "=", "permit.close")],
            order="seq desc", limit=1)
        summary._system_write(dict(
            files, generated_at=fields.Datetime.now(), pdf_failed=pdf is None,
            closed_at=close.timestamp or False, closed_by_id=close.user_id.id or False,
            content=self._content_text(data), deviation_count=len(data["deviations"]),
            stop_count=len(data["stops"]), alarm_count=len(data["alarms"]),
            gas_test_count=len(data["gas_tests"]),
            rectification_count=len(data["rectifications"])))
        return summary

    def _render_pdf(self, data):
        """The PDF (bytes), or None when it cannot be rendered now (the permit still closes;
        the summary can be printed again)."""
        try:
            content, _type = self.env["ir.actions.report"].sudo()._render_qweb_pdf(
                REPORT, self.permit_id.ids,
                data={"worksafe_summaries": {self.permit_id.id: data}})
        except UserError as error:
            _logger.warning("WorkSafe summary of %s: PDF not rendered: %s",
                            self.permit_id.name, error)
            return None
        return content

    @api.model
    def _content_text(self, data):
        """The summary as plain text, one line per item, for full-text search."""
        permit = data["permit"]
        lines = [permit["name"], permit["work_type"], permit["level"], permit["area"],
                 permit["equipment"], permit["contractor"], permit["description"],
                 permit["method"]]
        lines += [" ".join((p["role"], p["name"])) for p in data["people"]]
        lines += [e["summary"] for e in data["timeline"]]
        lines += [s["reason"] for s in data["stops"]]
        lines += [" ".join((a["name"], a["level"])) for a in data["alarms"]]
        lines += [" ".join((d["kind_label"], d["what"], d["detail"]))
                  for d in data["deviations"]]
        lines += [" ".join((r["name"], r["requirement"], r["state"]))
                  for r in data["rectifications"]]
        lines += [" ".join((e["step"], e["note"])) for e in data["evidence"] if e["note"]]
        lines.append(data["lessons"])
        return "\n".join(line.strip() for line in lines if line and line.strip())

    # ------------------------------------------------------------------ XLSX
    def _xlsx_content(self, data):
        """The summary as an XLSX workbook (bytes): one sheet per section."""
        _ = self.env._
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        bold = book.add_format({"bold": True, "valign": "top"})

        def table(title, headers, rows, widths):
            sheet = book.add_worksheet(title[:31])
            sheet.write_row(0, 0, headers, head)
            for index, row in enumerate(rows, start=1):
                sheet.write_row(index, 0, row, wrap)
            for column, width in enumerate(widths):
                sheet.set_column(column, column, width)
            sheet.freeze_panes(1, 0)
            return sheet

        permit, closure = data["permit"], data["closure"]
        sheet = book.add_worksheet(_("Summary")[:31])
        facts = [
            (_("Permit"), permit["name"]), (_("Company"), permit["company"]),
            (_("Work type"), permit["work_type"]), (_("Level"), permit["level"]),
            (_("Area"), permit["area"]), (_("Equipment"), permit["equipment"]),
            (_("Contractor"), permit["contractor"]), (_("Work content"), permit["description"]),
            (_("Method"), permit["method"]), (_("Planned start"), permit["planned_start"]),
            (_("Planned end"), permit["planned_end"]), (_("Work started"), permit["actual_start"]),
            (_("Work ended"), permit["actual_end"]), (_("Handed back by"), closure["hand_back_by"]),
            (_("Handed back at"), closure["hand_back_at"]), (_("Closed by"), closure["closed_by"]),
            (_("Closed at"), closure["closed_at"]), (_("Time zone"), permit["timezone"]),
            (_("Lessons learned"), data["lessons"]),
        ]
        for index, (label, value) in enumerate(facts):
            sheet.write(index, 0, label, bold)
            sheet.write(index, 1, value or "", wrap)
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 90)

        # Rows first, then the headers: the translation extractor misreads a tuple that
        # follows a translated string inside the same call.
        timeline = [(e["at"], e["type"], e["user"], e["summary"]) for e in data["timeline"]]
        table(_("Timeline"), [_("Time"), _("Event"), _("By"), _("What")], timeline,
              [17, 24, 22, 70])
        people = [(p["role"], p["name"], p["at"], p["detail"]) for p in data["people"]]
        table(_("People"), [_("Role"), _("Name"), _("Time"), _("Detail")], people,
              [28, 24, 17, 50])
        passed, failed = _("Pass"), _("Fail: %(why)s")
        gas = [(g["at"], g["analyst"], g["point"], g["readings"],
                passed if g["passed"] else failed % {"why": g["failure"]})
               for g in data["gas_tests"]]
        table(_("Gas tests"), [_("Sampled at"), _("Analyst"), _("Point"), _("Readings"),
                               _("Result")], gas, [17, 22, 24, 50, 30])
        yes = _("Yes")
        stops = [(s["at"], s["by"], s["reason"], s["resumed_at"], s["resumed_by"],
                  yes if s["withdrawn"] else "") for s in data["stops"]]
        table(_("Suspensions"), [_("Stopped at"), _("By"), _("Reason"), _("Resumed at"),
                                 _("Resumed by"), _("Withdrawn")], stops,
              [17, 22, 50, 17, 22, 10])
        if data["alarms_available"]:
            alarms = [(a["at"], a["name"], a["level"], a["value"], a["state"],
                       a["acknowledged_by"], a["acknowledged_at"]) for a in data["alarms"]]
            table(_("Alarms"), [_("Raised at"), _("Alarm"), _("Worst level"), _("Worst value"),
                                _("State"), _("Acknowledged by"), _("Acknowledged at")], alarms,
                  [17, 40, 14, 16, 14, 22, 17])
        deviations = [(d["at"], d["kind_label"], d["what"], d["detail"])
                      for d in data["deviations"]]
        table(_("Deviations"), [_("Time"), _("Kind"), _("What"), _("Detail")], deviations,
              [17, 22, 40, 60])
        rects = [(r["name"], r["requirement"], r["severity"], r["state"], r["owner"],
                  r["deadline"], r["verified_by"], r["verified_at"])
                 for r in data["rectifications"]]
        table(_("Rectifications"), [_("Number"), _("Requirement"), _("Severity"), _("State"),
                                    _("Owner"), _("Deadline"), _("Verified by"),
                                    _("Verified at")], rects, [18, 50, 14, 12, 22, 12, 22, 17])
        evidence = table(_("Evidence"), [_("Step"), _("Phase"), _("Done by"), _("Done at"),
                                         _("Note"), _("Photo"), _("SHA-1"), _("Thumbnail")],
                         [], [28, 14, 22, 17, 40, 24, 42, 24])
        row = 1
        for step in data["evidence"]:
            for photo in step["photos"] or [None]:
                evidence.write_row(row, 0, [step["step"], step["phase"], step["done_by"],
                                            step["done_at"], step["note"],
                                            photo["name"] if photo else "",
                                            photo["sha1"] if photo else ""], wrap)
                if photo and photo["thumbnail"]:
                    evidence.set_row(row, 90)
                    evidence.insert_image(row, 7, photo["name"], {
                        "image_data": io.BytesIO(base64.b64decode(photo["thumbnail"])),
                        "x_scale": 0.7, "y_scale": 0.7, "object_position": 1})
                row += 1
        book.close()
        return buffer.getvalue()

    # ------------------------------------------------------------------ actions
    def action_regenerate(self):
        """Print the summary again (after the lessons were edited, or when the PDF could not
        be rendered at close)."""
        if not self.env.user.has_group(SAFETY_OFFICER):
            raise AccessError(self.env._("Only a safety officer prints a summary again."))
        for summary in self:
            summary.permit_id._summary_generate()
        return True

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref(REPORT).report_action(self.permit_id)

    def action_download_xlsx(self):
        self.ensure_one()
        if not self.xlsx_attachment_id:
            raise UserError(self.env._("This summary has no XLSX file yet: print it again."))
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/web/content/{self.xlsx_attachment_id.id}?download=true"}

    def action_open_permit(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "worksafe.permit",
                "res_id": self.permit_id.id, "view_mode": "form"}
