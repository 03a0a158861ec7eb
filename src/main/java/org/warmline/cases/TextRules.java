package org.warmline.cases;

/**
 * What the desk takes as text, one rule for the pages, the citizens' form and the API ({@link OneLine},
 * {@link PlainText}, {@link PhoneNumber}). Characters nobody types on purpose are refused, not removed: a clerk who
 * pasted an address with a hidden direction mark is told so and retypes it, and what is stored is exactly what was
 * sent — a silent change to what a citizen said is worse than a question.
 * <ul>
 * <li>A one-line field (name, phone, address, ticket, reason, topic text) has no control character at all (NUL, ESC,
 * tab, CR, LF, DEL, C1 controls) and none of Unicode's invisible direction controls (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069), which can make a text read differently on screen from what is stored.</li>
 * <li>A multi-line field (demand, solution, comments) may have line breaks (LF, CR LF) and tabs, and nothing else of
 * those.</li>
 * <li>A phone number is 7 to 15 digits (a local landline to an international number, ITU E.164), optionally written
 * with a leading +, spaces, hyphens and brackets: {@code 138 0013 8000}, {@code (010) 6512-3456},
 * {@code +86 138 0013 8000}.</li>
 * </ul>
 */
public final class TextRules {

    /** The fewest and most digits of a phone number. */
    public static final int PHONE_DIGITS_MIN = 7;
    public static final int PHONE_DIGITS_MAX = 15;

    private TextRules() {
    }

    /** Whether the text may be stored in a one-line field (null may: absence is another rule's business). */
    public static boolean oneLine(String text) {
        return text == null || text.chars().noneMatch(ch -> control(ch) || direction(ch));
    }

    /** Whether the text may be stored in a multi-line field: line breaks and tabs allowed, no other control. */
    public static boolean plain(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean lineBreak = ch == '\n' || ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            if (direction(ch) || control(ch) && ch != '\t' && !lineBreak) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text is a phone number (null may be: absence is another rule's business). */
    public static boolean phone(String text) {
        if (text == null) {
            return true;
        }
        String number = text.strip();
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            char ch = number.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digits++;
            } else if (!(ch == ' ' || ch == '-' || ch == '(' || ch == ')' || ch == '+' && i == 0)) {
                return false;
            }
        }
        return digits >= PHONE_DIGITS_MIN && digits <= PHONE_DIGITS_MAX;
    }

    private static boolean control(int ch) {
        return ch < 0x20 || ch >= 0x7F && ch <= 0x9F;
    }

    private static boolean direction(int ch) {
        return ch == 0x061C || ch == 0x200E || ch == 0x200F || ch >= 0x202A && ch <= 0x202E
                || ch >= 0x2066 && ch <= 0x2069;
    }
}
