package org.warmline.ledger;

import java.util.HashMap;
import java.util.Map;

/**
 * The values of each {@link Coded} type by their exact code and exact Chinese name, so that {@link Coded#lookup} finds
 * the common spellings without a loop. A hit is the value the loop finds: the index is only used for a type in which no
 * code or Chinese name equals another value's code in any letter case, and the first value wins on equal Chinese names.
 */
final class CodedIndex {

    private static final ClassValue<Map<String, Object>> BY_TEXT = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            Map<String, Object> map = new HashMap<>();
            for (int i = 0; i < constants.length; i++) {
                Coded a = (Coded) constants[i];
                for (int j = 0; j < constants.length; j++) {
                    Coded b = (Coded) constants[j];
                    if ((i != j && a.name().equalsIgnoreCase(b.name())) || a.chinese().equalsIgnoreCase(b.name())) {
                        return Map.of(); // ambiguous: always take the loop
                    }
                }
            }
            for (int i = constants.length - 1; i >= 0; i--) {
                Coded c = (Coded) constants[i];
                map.put(c.chinese(), c);
                map.put(c.name(), c);
            }
            return Map.copyOf(map);
        }
    };

    /** The values of each type, in their order: {@link Class#getEnumConstants} copies them at each call. */
    private static final ClassValue<Object[]> VALUES = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            return type.getEnumConstants();
        }
    };

    private CodedIndex() {
    }

    /** The values of a type, in their order (the caller does not change the array). */
    static Object[] values(Class<?> type) {
        return VALUES.get(type);
    }

    /** The value whose code or Chinese name is exactly {@code text}, or {@code null} (then take the loop). */
    static Object exact(Class<?> type, String text) {
        return BY_TEXT.get(type).get(text);
    }
}
