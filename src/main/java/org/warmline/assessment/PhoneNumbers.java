package org.warmline.assessment;

/**
 * The citizen's phone as 2.4 compares it ("same citizen", docs/assessment.md; {@code HandlingRepeat}), public so the
 * desk's intake screen finds earlier and repeat cases exactly as the assessment does.
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /**
     * Digits only, a leading 86 or 0086 dropped when eleven digits starting with 1 remain; {@code null} when there are
     * no digits.
     */
    public static String normalize(String phone) {
        if (phone == null) {
            return null;
        }
        boolean allDigits = true;
        for (int i = 0; i < phone.length() && allDigits; i++) {
            char ch = phone.charAt(i);
            allDigits = ch >= '0' && ch <= '9';
        }
        String d;
        if (allDigits) {
            d = phone;
        } else {
            StringBuilder digits = new StringBuilder(phone.length());
            for (int i = 0; i < phone.length(); i++) {
                char ch = phone.charAt(i);
                if (ch >= '0' && ch <= '9') {
                    digits.append(ch);
                }
            }
            d = digits.toString();
        }
        if (d.isEmpty()) {
            return null;
        }
        if (d.length() == 15 && d.startsWith("0086") && d.charAt(4) == '1') {
            return d.substring(4);
        }
        if (d.length() == 13 && d.startsWith("86") && d.charAt(2) == '1') {
            return d.substring(2);
        }
        return d;
    }
}
