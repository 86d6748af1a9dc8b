"""The printed permit shows every stop of the work (with reason, who and when) and who closed
it, and stays small in any language: system fonts are embedded as subsets, web fonts would be
drawn as outlines (megabytes per page)."""

import io
import unicodedata

from lxml import html

from odoo.tests import TransactionCase, tagged
from odoo.tools.pdf import PdfFileReader

REPORT = "worksafe_permit.action_report_worksafe_permit"
MAX_PDF_BYTES = 500_000
MAX_FONT_BYTES = 300_000  # an embedded subset; the whole Noto Sans CJK is ~16 MB


def _squash(text):
    """Without white space; NFKC folds the Kangxi radicals PDF text extraction yields for some
    CJK glyphs (⽕ U+2F55) into the characters (火)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@tagged("post_install", "-at_install")
class TestPermitPdf(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.suspended = cls.env.ref("worksafe_permit.demo_permit_pr3_height",
                                    raise_if_not_found=False)
        if not cls.suspended or cls.suspended.state != "suspended":
            cls.skipTest(cls, "needs the demo data")
        cls.closed = cls.env.ref("worksafe_permit.demo_permit_la2_hot_work")
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["worksafe_permit"], ["zh_CN"],
                                                        overwrite=True)

    def _html(self, permit):
        content, _type = self.env["ir.actions.report"]._render_qweb_html(REPORT, permit.ids)
        return html.fromstring(content)

    def _pdf(self, permit, lang):
        report = self.env["ir.actions.report"].with_context(lang=lang,
                                                            force_report_rendering=True)
        pdf, _type = report._render_qweb_pdf(REPORT, permit.ids)
        return pdf

    def _fonts(self, reader):
        """Sizes of the embedded font programs."""
        sizes = []
        for page in reader.pages:
            fonts = page["/Resources"].get_object().get("/Font") or {}
            for font in fonts.values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in font:
                    descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        sizes.append(len(descriptor[key].get_object().get_data()))
        return sizes

    def test_suspension_with_reason_time_and_person(self):
        event = self.env["worksafe.audit.event"].sudo().search(
            [("permit_id", "=", self.suspended.id), ("event_type", "=", "permit.suspend")])
        self.assertEqual(len(event), 1)
        rows = self._html(self.suspended).xpath(
            "//div[contains(@class, 'o_worksafe_permit_stops')]//tbody/tr")
        self.assertEqual(len(rows), 1)
        cells = [_squash(td.text_content()) for td in rows[0].xpath("./td")]
        self.assertIn(_squash(self.suspended.suspension_reason), cells)
        self.assertIn(_squash(event.user_id.name), cells)
        self.assertEqual(cells[3:], ["", ""])  # not resumed

    def test_hand_back_and_closing_person(self):
        closer = self.env["worksafe.audit.event"].sudo().search(
            [("permit_id", "=", self.closed.id), ("event_type", "=", "permit.close")]).user_id
        self.assertTrue(closer)
        tree = self._html(self.closed)
        closed_by = tree.xpath("//td[contains(@class, 'o_worksafe_closed_by')]")[0]
        self.assertIn(_squash(closer.name), _squash(closed_by.text_content()))
        handed_back = tree.xpath("//td[contains(@class, 'o_worksafe_handed_back')]")[0]
        self.assertIn(_squash(self.closed.performing_authority_id.user_id.name),
                      _squash(handed_back.text_content()))
        self.assertFalse(tree.xpath("//div[contains(@class, 'o_worksafe_permit_stops')]"))

    def test_pdf_stays_small_in_english_and_chinese(self):
        for lang in ("en_US", "zh_CN"):
            with self.subTest(lang=lang):
                pdf = self._pdf(self.suspended, lang)
                self.assertLess(len(pdf), MAX_PDF_BYTES)
                reader = PdfFileReader(io.BytesIO(pdf))
                fonts = self._fonts(reader)
                self.assertTrue(fonts, "text is drawn with an embedded font")
                self.assertLess(max(fonts), MAX_FONT_BYTES)
                text = _squash("".join(page.extract_text() for page in reader.pages))
                self.assertIn(_squash(self.suspended.name), text)
                self.assertIn(_squash(self.suspended.suspension_reason)[:40], text)
                if lang == "zh_CN":
                    self.assertIn(_squash(
                        self.suspended.work_type_id.with_context(lang="zh_CN").name), text)
