"""Every user-facing string of the WorkSafe addons reaches a Chinese user in Chinese.

Most WorkSafe users read zh_CN, so a new string must not land untranslated. What Odoo
loads is each addon's i18n/zh_CN.po merged with its .pot (odoo.tools.translate.PoFileReader:
an entry missing from the .po loads as untranslated, one missing from the .pot is dropped),
so these tests check, per addon present and installed:

- the .pot holds every term the installed addon exports now (code strings, fields,
  selections, views, data and demo records): a string added without re-exporting the .pot
  fails here;
- every .pot entry has a translation in zh_CN.po that is neither empty nor fuzzy;
- a translation keeps the %(name)s / %s placeholders of its source (a missing one loses
  information, a wrong one makes Odoo fall back to English and log an error) and the
  markup of a view term.

To fix a failure: export the .pot from a database with the addons installed (with demo
data, so that the demo records keep their translation), msgmerge it into zh_CN.po and
translate every empty or fuzzy entry; `msgfmt -c --statistics` then shows 0 untranslated
and 0 fuzzy.
"""

import os
import re
from collections import Counter

import polib
from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

# every WorkSafe addon, including those added later: a new addon is checked from its first day
ADDONS_PREFIX = "worksafe_"
LANGS = ("zh_CN",)
# %-format placeholders Python fills in (and the escaped percent sign)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%%|%[sdfr]")
SHOWN = 40  # failures listed in a message


def _short(text, size=100):
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size] + "…"


def _report(problems):
    head = "\n".join(problems[:SHOWN])
    more = f"\n… and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    return f"{len(problems)} problem(s):\n{head}{more}"


def _element_tags(text):
    """Tags of a view term in document order, or None when it is not markup."""
    if "<" not in text:
        return None
    try:
        root = etree.fromstring(f"<worksafe_root>{text}</worksafe_root>")
    except etree.XMLSyntaxError:
        return None
    return [el.tag for el in root.iter() if isinstance(el.tag, str)][1:]


@tagged("post_install", "-at_install")
class TestEveryStringHasZhCn(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        installed = cls.env["ir.module.module"].search(
            [("name", "=like", ADDONS_PREFIX + "%"), ("state", "=", "installed")]).mapped("name")
        cls.addons = {}  # name: path, for the addons present and installed
        for name in sorted(installed):
            path = get_module_path(name, display_warning=False)
            if path and name in installed:
                cls.addons[name] = path

    def _pot(self, addon):
        return polib.pofile(f"{self.addons[addon]}/i18n/{addon}.pot")

    def _po(self, addon, lang):
        return polib.pofile(f"{self.addons[addon]}/i18n/{lang}.po")

    def test_each_addon_ships_a_pot_and_a_zh_cn_po(self):
        self.assertIn("worksafe_permit", self.addons)
        for addon, path in self.addons.items():
            for name in (f"{addon}.pot", *(f"{lang}.po" for lang in LANGS)):
                with self.subTest(addon=addon, file=name):
                    self.assertTrue(os.path.isfile(f"{path}/i18n/{name}"))

    def test_pot_holds_every_term_the_addon_exports(self):
        problems = []
        for addon in self.addons:
            pot_ids = {entry.msgid for entry in self._pot(addon)}
            reader = TranslationModuleReader(self.env.cr, modules=[addon])
            missing = sorted({row[4] for row in reader
                              if row[0] == addon and row[4] not in pot_ids})
            problems += [f"{addon}/i18n/{addon}.pot lacks: {_short(src)!r}" for src in missing]
        if problems:
            self.fail(_report(problems))

    def test_every_pot_entry_is_translated_and_not_fuzzy(self):
        problems = []
        for addon in self.addons:
            pot = self._pot(addon)
            for lang in LANGS:
                where = f"{addon}/i18n/{lang}.po"
                po = {entry.msgid: entry for entry in self._po(addon, lang)
                      if not entry.obsolete}
                for source in pot:
                    if not source.msgid:
                        continue
                    entry = po.get(source.msgid)
                    if entry is None or not entry.msgstr.strip():
                        problems.append(f"{where} untranslated: {_short(source.msgid)!r}")
                    elif "fuzzy" in entry.flags:
                        problems.append(f"{where} fuzzy: {_short(source.msgid)!r}")
        if problems:
            self.fail(_report(problems))

    def test_translations_keep_placeholders_and_markup(self):
        problems = []
        for addon in self.addons:
            for lang in LANGS:
                where = f"{addon}/i18n/{lang}.po"
                for entry in self._po(addon, lang):
                    if entry.obsolete or not entry.msgid or not entry.msgstr:
                        continue
                    wanted = Counter(PLACEHOLDER.findall(entry.msgid))
                    found = Counter(PLACEHOLDER.findall(entry.msgstr))
                    if wanted != found:
                        problems.append(
                            f"{where} placeholders {sorted(found.elements())} instead of "
                            f"{sorted(wanted.elements())}: {_short(entry.msgid)!r}")
                    tags = _element_tags(entry.msgid)
                    if tags is not None and _element_tags(entry.msgstr) != tags:
                        problems.append(f"{where} markup differs from the source: "
                                        f"{_short(entry.msgid)!r}")
        if problems:
            self.fail(_report(problems))
