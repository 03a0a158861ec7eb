package org.warmline.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the unit form and the staff form share: the code (编码) that keys the record, checked the same way for both, and
 * whether the form edits an existing record (its code cannot change) rather than adding one.
 */
abstract class CodedForm {

    @NotBlank(message = "{validation.code.required}")
    @Size(max = 64, message = "{validation.code.size}")
    @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "{validation.code.pattern}")
    private String code;

    private boolean editing;

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = trimmed(code);
    }

    public boolean isEditing() {
        return editing;
    }

    public void setEditing(boolean editing) {
        this.editing = editing;
    }

    /** A text field as typed, without the spaces around it. */
    static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    /** An optional code: none when left blank. */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
