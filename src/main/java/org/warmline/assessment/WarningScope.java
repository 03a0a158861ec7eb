package org.warmline.assessment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a warning of a result is about, read back from its text in either language (a published result keeps only the
 * texts): a case, nothing in particular (a year without a holiday schedule), or other records and counts (an outage
 * without owner, "… and N more"). A viewer who may see only some cases is shown the warnings about those cases and the
 * general ones.
 *
 * @param caseNos for {@link Kind#CASE} the case's number — or, where the text reads more than one way (a number with
 *     the separator of the text in it), each possible number, shortest first; empty otherwise
 */
public record WarningScope(Kind kind, List<String> caseNos) {

    /** What a warning is about. */
    public enum Kind {
        /** One case, named by its number. */
        CASE,
        /** Nothing of the data (the calendar). */
        GENERAL,
        /** Other records, counts of other warnings, or a text not recognised. */
        OTHER
    }

    public WarningScope {
        caseNos = List.copyOf(caseNos);
    }

    /** A message of a case: its text before the case number, and the rest after it as a pattern. */
    private record CaseMessage(String before, Pattern after) {
    }

    private static final List<String> CASE_KEYS = List.of("warning.no-unit", "warning.before-submission",
            "warning.evaluated-before-completed", "warning.reviewed-before-unsatisfied");
    private static final List<String> GENERAL_KEYS = List.of("warning.no-schedule");
    private static final List<CaseMessage> CASES = new ArrayList<>();
    private static final List<Pattern> GENERAL = new ArrayList<>();

    static {
        for (Locale locale : List.of(Locale.CHINESE, Locale.ROOT)) {
            ResourceBundle bundle = ResourceBundle.getBundle("org.warmline.assessment.reasons", locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            for (String key : CASE_KEYS) {
                String message = bundle.getString(key);
                int at = message.indexOf("{0}");
                CASES.add(new CaseMessage(message.substring(0, at), pattern(message.substring(at + 3))));
            }
            for (String key : GENERAL_KEYS) {
                GENERAL.add(pattern(bundle.getString(key)));
            }
        }
    }

    /** What this warning text (of a result in any of the engine's languages) is about. */
    public static WarningScope of(String warning) {
        if (warning != null) {
            Set<String> numbers = new LinkedHashSet<>();
            for (CaseMessage message : CASES) {
                if (warning.startsWith(message.before())) {
                    for (int end = message.before().length() + 1; end <= warning.length(); end++) {
                        if (message.after().matcher(warning.substring(end)).matches()) {
                            numbers.add(warning.substring(message.before().length(), end));
                        }
                    }
                }
            }
            if (!numbers.isEmpty()) {
                return new WarningScope(Kind.CASE, new ArrayList<>(numbers));
            }
            for (Pattern pattern : GENERAL) {
                if (pattern.matcher(warning).matches()) {
                    return new WarningScope(Kind.GENERAL, List.of());
                }
            }
        }
        return new WarningScope(Kind.OTHER, List.of());
    }

    /** A message pattern ({@code :{1}({2})…}) as a regular expression matching its formatted texts. */
    static Pattern pattern(String message) {
        StringBuilder regex = new StringBuilder();
        Matcher argument = Pattern.compile("\\{\\d+}").matcher(message);
        int at = 0;
        while (argument.find()) {
            regex.append(Pattern.quote(message.substring(at, argument.start()))).append("(?:.*?)");
            at = argument.end();
        }
        regex.append(Pattern.quote(message.substring(at)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
