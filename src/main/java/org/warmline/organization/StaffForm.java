package org.warmline.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.warmline.ledger.Post;

/** The staff form: add a person, or edit their name, post and unit. */
class StaffForm {

    @NotBlank(message = "{validation.code.required}")
    @Size(max = 64, message = "{validation.code.size}")
    @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "{validation.code.pattern}")
    private String code;

    @NotBlank(message = "{validation.name.required}")
    @Size(max = 100, message = "{validation.name.size}")
    private String name;

    @NotNull(message = "{validation.post.required}")
    private Post post;

    private String unit;

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

    public Post getPost() {
        return post;
    }

    public void setPost(Post post) {
        this.post = post;
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit == null || unit.isBlank() ? null : unit.trim();
    }

    public boolean isEditing() {
        return editing;
    }

    public void setEditing(boolean editing) {
        this.editing = editing;
    }
}
