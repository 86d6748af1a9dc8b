import { registry } from "@web/core/registry";
import { X2ManyField, x2ManyField } from "@web/views/fields/x2many/x2many_field";

/**
 * A one2many whose lines open in a dialog titled with the line's own name ("Process
 * isolation") rather than the generic "Open: Steps" (on a phone every line opens that way).
 */
export class TitledX2ManyField extends X2ManyField {
    async openRecord(record) {
        if (this.canOpenRecord) {
            return this._openRecord({
                record,
                context: this.props.context,
                readonly: this.props.readonly,
                title: record.data.display_name || record.data.name || undefined,
            });
        }
    }
}

registry.category("fields").add("worksafe_titled_one2many", {
    ...x2ManyField,
    component: TitledX2ManyField,
});
