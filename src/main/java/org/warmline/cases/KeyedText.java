package org.warmline.cases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A text kept as a message key of {@code messages*.properties} and its arguments, so that every viewer reads it in
 * their own language (history lines, notifications). An argument stored as {@code #some.key} ({@link #key(String)})
 * is itself shown as the text of that key; any other argument as it is ({@code ##…} for one that begins with #). Stored as the key and the arguments joined by the
 * character 0x1F ({@link #encodedArgs()}, {@link #decode}).
 */
public record KeyedText(String key, List<String> args) implements MessageSourceResolvable {

    private static final char SEPARATOR = '\u001F';
    private static final String KEY_MARK = "#";

    public KeyedText {
        Objects.requireNonNull(key, "key");
        List<String> copy = new ArrayList<>();
        if (args != null) {
            args.forEach(a -> copy.add(a == null ? "" : a.replace(SEPARATOR, ' ')));
        }
        args = List.copyOf(copy);
    }

    /** An argument of {@link #of} shown as the text of a message key in the viewer's language. */
    public record Key(String key) {
    }

    /**
     * The text of {@code key} with these arguments: a {@link Key} as the text of its key, anything else as text (null
     * as empty).
     */
    public static KeyedText of(String key, Object... args) {
        return new KeyedText(key, Arrays.stream(args)
                .map(a -> a == null ? "" : a instanceof Key k ? KEY_MARK + k.key() : literal(a.toString())).toList());
    }

    /** An argument shown as the text of a message key, e.g. {@code key("case.clock.CONTACT")}. */
    public static Key key(String messageKey) {
        return new Key(messageKey);
    }

    /** A plain argument: one that begins with {@code #} is marked so that it is not taken for a key. */
    private static String literal(String text) {
        return text.startsWith(KEY_MARK) && !text.startsWith(KEY_MARK + KEY_MARK) ? KEY_MARK + text : text;
    }

    /** The arguments as stored: joined by 0x1F; null when there are none. */
    public String encodedArgs() {
        return args.isEmpty() ? null : String.join(String.valueOf(SEPARATOR), args);
    }

    /** The text stored as {@code key} and {@code encodedArgs}, or null without a key. */
    public static KeyedText decode(String key, String encodedArgs) {
        if (key == null || key.isBlank()) {
            return null;
        }
        List<String> args = encodedArgs == null || encodedArgs.isEmpty() ? List.of()
                : List.of(encodedArgs.split(String.valueOf(SEPARATOR), -1));
        return new KeyedText(key, args);
    }

    @Override
    public String[] getCodes() {
        return new String[] {key};
    }

    /** The arguments for a {@code MessageSource}: keys as resolvable texts, the rest as they are. */
    @Override
    public Object[] getArguments() {
        return args.stream().map(a -> {
            if (a.startsWith(KEY_MARK + KEY_MARK)) {
                return a.substring(1);
            }
            if (a.startsWith(KEY_MARK)) {
                String k = a.substring(1);
                return (Object) new DefaultMessageSourceResolvable(new String[] {k}, k);
            }
            return a;
        }).toArray();
    }

    @Override
    public String getDefaultMessage() {
        return args.isEmpty() ? key : key + " " + String.join(" ", args);
    }
}
