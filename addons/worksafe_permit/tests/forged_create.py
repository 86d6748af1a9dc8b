"""Table-driven check shared by the three addons' tests: for every guarded model of an
addon and each of its system fields, an ordinary user's create with the field in the
values, or with ``default_<field>`` in the context, is refused or leaves the field as it
would have been without it."""
from contextlib import closing
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

FORGED_DATETIME = datetime(2031, 1, 1, 8, 0, 0)


class ForgedCreateMixin:
    """Test classes give MODULE and `makers()`: {model: (user, callable returning vals)}
    for every guarded model the module's ordinary users may create."""

    MODULE = None

    def makers(self):
        raise NotImplementedError

    def _guarded_models(self):
        return sorted(
            name for name, model in self.env.registry.items()
            if not model._abstract and not model._transient
            and hasattr(model, "_guard_system_field_names")
            and model._original_module == self.MODULE)

    def _forged_value(self, record, field, control):
        """A value of the field's type that the control record does not have."""
        if field.type == "selection":
            options = [key for key, _label in field._description_selection(self.env)]
            others = [key for key in options if key != control]
            return others[-1] if others else None
        if field.type == "many2one":
            candidate = self.env[field.comodel_name].sudo().search(
                [("id", "!=", control.id)], limit=1, order="id desc")
            return candidate.id or None
        if field.type == "many2many":
            candidate = self.env[field.comodel_name].sudo().search(
                [("id", "not in", control.ids)], limit=1, order="id desc")
            return [Command.set(candidate.ids)] if candidate else None
        if field.type == "boolean":
            return not control
        if field.type in ("integer", "float", "monetary"):
            return (control or 0) + 7
        if field.type == "datetime":
            return FORGED_DATETIME
        if field.type == "date":
            return FORGED_DATETIME.date()
        if field.type in ("char", "text", "html"):
            return "FORGED"
        if field.type == "json":
            return {"forged": 1}
        return None  # one2many, binary: not forgeable through a default

    def _same(self, field, value, forged):
        if field.type == "many2one":
            return value.id == forged
        if field.type == "many2many":
            return set(value.ids) == set(forged[0][2])
        if field.type == "datetime" and value:
            return value.replace(microsecond=0) == forged
        return value == forged

    def _check_forged_creates(self):
        makers = self.makers()
        models = self._guarded_models()
        self.assertTrue(models, "no guarded model found")
        tried = 0
        for name in models:
            Model = self.env[name]
            system = sorted(Model._guard_system_field_names())
            self.assertTrue(system, f"{name} declares no system field")
            user, make_vals = makers.get(name, (self.worker_user, None))
            if make_vals is None:
                # no maker: an ordinary user may not create these at all
                self.assertFalse(Model.with_user(user).has_access("create"),
                                 f"{name}: add a maker, {user.login} may create it")
                continue
            try:
                with closing(self.env.cr.savepoint()):
                    control = Model.with_user(user).create(make_vals())
                    control_values = {f: control[f] for f in system}
            except AccessError:
                continue  # only WorkSafe creates these: nothing to forge
            for fname in system:
                field = Model._fields[fname]
                forged = self._forged_value(control, field, control_values[fname])
                if forged is None:
                    continue
                tried += 1
                with self.subTest(model=name, field=fname, how="vals"), \
                        closing(self.env.cr.savepoint()), self.assertRaises(AccessError):
                    Model.with_user(user).create(dict(make_vals(), **{fname: forged}))
                with self.subTest(model=name, field=fname, how="default_ context"), \
                        closing(self.env.cr.savepoint()):
                    record = None
                    try:
                        record = Model.with_user(user).with_context(
                            **{f"default_{fname}": forged}).create(make_vals())
                    except UserError as refusal:  # AccessError, ValidationError too
                        self.assertTrue(str(refusal))
                    if record is not None:
                        self.assertFalse(self._same(field, record[fname], forged),
                                         f"{name}.{fname} forged through default_{fname}")
        return tried
