package org.warmline.organization;

/**
 * A routing rule: when it matches a case, the case goes to {@code unit} and its area steward {@code steward}.
 *
 * @param priority lower numbers are tried first
 * @param steward  a staff code, or null when the rule names only the unit
 * @param enabled  disabled rules are kept (for history) but never match
 */
public record RoutingRule(long id, int priority, MatchKind matchKind, String matchValue, String unit, String steward,
        boolean enabled) {

    /** What a rule compares. */
    public enum MatchKind {
        /** The case's address contains the value (ignoring surrounding blanks). */
        ADDRESS_CONTAINS,
        /** The heating station chosen is the unit with this code. */
        STATION,
        /** The area chosen is the unit with this code. */
        AREA
    }

    /** Whether this rule matches a case with this address and station or area code (either may be null). */
    public boolean matches(String address, String stationOrAreaCode) {
        if (!enabled) {
            return false;
        }
        return switch (matchKind) {
            case ADDRESS_CONTAINS -> address != null && !matchValue.isBlank() && address.contains(matchValue.trim());
            case STATION, AREA -> stationOrAreaCode != null && matchValue.trim().equals(stationOrAreaCode.trim());
        };
    }
}
