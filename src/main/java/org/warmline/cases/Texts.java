package org.warmline.cases;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Shows a {@link KeyedText} (or any {@link MessageSourceResolvable}) in the language of the current request, for
 * templates as {@code ${@texts.show(text)}}, and in a given language for messages leaving the application.
 */
@Component("texts")
public class Texts {

    private final MessageSource messages;

    public Texts(MessageSource messages) {
        this.messages = messages;
    }

    /** The text in the current request's language; empty for null. */
    public String show(MessageSourceResolvable text) {
        return text == null ? "" : messages.getMessage(text, LocaleContextHolder.getLocale());
    }

    /** The text in the given language; empty for null. */
    public String show(MessageSourceResolvable text, Locale locale) {
        return text == null ? "" : messages.getMessage(text, locale);
    }
}
