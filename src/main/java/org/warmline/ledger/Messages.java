package org.warmline.ledger;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The reader's messages, from {@code org/warmline/ledger/messages*.properties}: Chinese by default, English for en. */
final class Messages {

    private final ResourceBundle bundle;
    private final Locale locale;

    Messages(Locale locale) {
        this.locale = locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.ROOT;
        this.bundle = ResourceBundle.getBundle("org.warmline.ledger.messages", this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The message for {@code key} with its arguments (all shown as given, no number formatting). */
    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        if (args.length == 0) {
            return pattern;
        }
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(pattern, locale).format(texts);
    }
}
