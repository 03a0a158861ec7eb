package org.warmline.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.warmline.ledger.UnitKind;

/** The unit form: add a unit, or edit its name, kind and parent. */
class UnitForm extends CodedForm {

    @NotBlank(message = "{validation.name.required}")
    @Size(max = 200, message = "{validation.name.size}")
    private String name;

    @NotNull(message = "{validation.kind.required}")
    private UnitKind kind;

    private String parent;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = trimmed(name);
    }

    public UnitKind getKind() {
        return kind;
    }

    public void setKind(UnitKind kind) {
        this.kind = kind;
    }

    public String getParent() {
        return parent;
    }

    public void setParent(String parent) {
        this.parent = optional(parent);
    }
}
