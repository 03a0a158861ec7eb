package org.warmline.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the desk's date format as {@code fmt}. */
@ControllerAdvice
class DeskAdvice {

    private final DeskFormat format;

    DeskAdvice(DeskSupport support) {
        this.format = support.format();
    }

    @ModelAttribute("fmt")
    DeskFormat fmt() {
        return format;
    }
}
