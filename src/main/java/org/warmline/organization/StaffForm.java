package org.warmline.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.warmline.ledger.Post;

/** The staff form: add a person, or edit their name, post and unit. */
class StaffForm extends CodedForm {

    @NotBlank(message = "{validation.name.required}")
    @Size(max = 100, message = "{validation.name.size}")
    private String name;

    @NotNull(message = "{validation.post.required}")
    private Post post;

    private String unit;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = trimmed(name);
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
        this.unit = optional(unit);
    }
}
