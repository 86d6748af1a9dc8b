"""Template content (steps, checklists, hazards, measures, approval steps, level standard lines,
work types and levels, gases, SIMOPS rules) reads in Chinese for a zh_CN user, as the interface
does."""

import re

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import WorksafeCase

CJK = re.compile(r"[\u4e00-\u9fff]")
# model: translatable fields shipped as data by worksafe_permit
CONTENT = {
    "worksafe.work.type": ("name",),
    "worksafe.variant": ("name", "standard_ref"),
    "worksafe.variant.approval": ("name",),
    "worksafe.template": ("name",),
    "worksafe.template.step": ("name", "instructions", "photo_subject"),
    "worksafe.template.step.check": ("name",),
    "worksafe.template.hazard": ("name", "control"),
    "worksafe.template.measure": ("name",),
    "worksafe.gas": ("name",),
    "worksafe.simops.rule": ("name", "standard_ref"),
}
# Other helpers add content in parallel; their strings are translated in a later pass.
MIN_TRANSLATED = 0.95


@tagged("post_install", "-at_install")
class TestTranslationsZhCn(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["worksafe_permit"], ["zh_CN"],
                                                        overwrite=True)
        cls.zh = cls.env(context={"lang": "zh_CN"})
        cls.en = cls.env(context={"lang": "en_US"})

    def test_template_step_reads_in_chinese(self):
        step = self.zh.ref("worksafe_permit.tstep_hot_work_general_briefing")
        english = self.en.ref("worksafe_permit.tstep_hot_work_general_briefing").name
        self.assertRegex(step.name, CJK)
        self.assertNotEqual(step.name, english)
        self.assertRegex(step.check_ids[:1].name, CJK)
        self.assertEqual(self.zh.ref("worksafe_permit.work_type_hot_work").name, "动火作业")
        self.assertEqual(self.zh.ref("worksafe_permit.gas_o2").name, "氧气")

    def test_level_standard_line_and_approval_step_read_in_chinese(self):
        variant = self.zh.ref("worksafe_permit.variant_hot_work_first")
        self.assertRegex(variant.name, CJK)
        self.assertRegex(variant.standard_ref, CJK)
        self.assertRegex(variant.approval_step_ids[:1].name, CJK)

    def test_shipped_content_is_translated(self):
        for model, fields in CONTENT.items():
            ids = self.env["ir.model.data"].search(
                [("module", "=", "worksafe_permit"), ("model", "=", model)]).mapped("res_id")
            records_zh = self.zh[model].browse(ids)
            records_en = self.en[model].browse(ids)
            total = translated = 0
            for record_zh, record_en in zip(records_zh, records_en, strict=True):
                for field in fields:
                    english = record_en[field]
                    if not english or not re.search(r"[A-Za-z]{3}", english):
                        continue  # empty, or a code / number only
                    total += 1
                    translated += bool(CJK.search(record_zh[field] or ""))
            with self.subTest(model=model):
                self.assertTrue(total)
                self.assertGreaterEqual(translated / total, MIN_TRANSLATED,
                                        f"{translated}/{total}")


class TestGuardRefusalInChinese(WorksafeCase):
    def test_guard_refusal_names_the_record_kind_in_chinese(self):
        """A refusal from worksafe.guarded.mixin names the kind of record in the user's
        language (ir.model's translated name), not the model's English description."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["worksafe_permit"], ["zh_CN"],
                                                        overwrite=True)
        permit = self.make_permit().with_context(lang="zh_CN")
        with self.assertRaises(AccessError) as refusal:
            permit.write({"state": "active"})
        what = permit._guard_what()
        self.assertRegex(what, CJK)
        self.assertIn(what, str(refusal.exception))
        self.assertNotIn(self.env["worksafe.permit"]._description, str(refusal.exception))
