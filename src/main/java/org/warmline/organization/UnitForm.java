package org.warmline.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.warmline.ledger.UnitKind;

/** The unit form: add a unit, or edit its name, kind and parent. */
class UnitForm {

    @NotBlank(message = "{validation.code.required}")
    @Size(max = 64, message = "{validation.code.size}")
    @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "{validation.code.pattern}")
    private String code;

    @NotBlank(message = "{validation.name.required}")
    @Size(max = 200, message = "{validation.name.size}")
    private String name;

    @NotNull(message = "{validation.kind.required}")
    private UnitKind kind;

    private String parent;

    /** Whether the form edits an existing unit (its code cannot change) rather than adding one. */
    private boolean editing;

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code == null ? null : code.trim();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? null : name.trim();
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
        this.parent = parent == null || parent.isBlank() ? null : parent.trim();
    }

    public boolean isEditing() {
        return editing;
    }

    public void setEditing(boolean editing) {
        this.editing = editing;
    }
}
