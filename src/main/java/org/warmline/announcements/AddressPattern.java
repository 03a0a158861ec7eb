package org.warmline.announcements;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address pattern of an outage announcement (a community, a road and number, a building, a unit) and whether a
 * caller's address matches it, however either is written. Both are read into one canonical form first:
 * <ul>
 * <li>full-width characters as half-width (NFKC: {@code ３号楼} is {@code 3号楼}), letters in lower case, spaces and
 * punctuation dropped;</li>
 * <li>Chinese numerals before a designator as digits ({@code 三号楼}, {@code 十二号}, {@code 二单元}, {@code 二期});</li>
 * <li>a building as one token however it is written: {@code 3号楼}, {@code 3栋}, {@code 3幢}, {@code 3座},
 * {@code 3#楼}, {@code 3#}, {@code A座}, and {@code 3号} before a unit or at the end of a community's address; a unit
 * {@code 2单元}; a room {@code 201室} or the number that ends the address after a building or unit; a phase
 * {@code 2期}; the house number of a road or street {@code 建设路12号} (after 路, 街, 道, 巷, 弄, 胡同); the
 * {@code 3-2-201} of building-unit-room and the {@code 2-201} of unit-room after a building.</li>
 * </ul>
 * An address matches when the pattern's parts appear in it in their order: its names as written (a community's name
 * is part of the address), its numbers whole and of the same kind ({@code 3号楼} is not {@code 13号楼}, nor the unit 3).
 * What the pattern leaves out is any: {@code 幸福小区3号楼} takes every unit and room of that building. A unit
 * spelled out or not ({@code 3号楼2单元201} and {@code 3-2-201}) is the same.
 *
 * <p>A pattern must name a place: after its numbers and the words every address has (小区, 路, 号楼, 单元, 区, 市 …)
 * at least {@link #MIN_NAME} letters must remain, or it would match every address (or every building 3 of every
 * community); such a pattern is refused ({@link #check}).
 */
final class AddressPattern {

    /** The longest pattern, in characters. */
    static final int MAX_LENGTH = 100;
    /** The fewest letters of a place's name a pattern must have besides numbers and common words. */
    static final int MIN_NAME = 2;

    /** Why a pattern is refused: the message key {@code announcement.pattern.<name>}. */
    enum Refusal { EMPTY, TOO_LONG, NO_PLACE, TEXT }

    private static final String NUMERALS = "零〇一二两三四五六七八九十百";
    private static final Pattern CHINESE_NUMBER = Pattern.compile(
            "([" + NUMERALS + "]+)(?=号|栋|幢|座|单元|楼|层|室|户|期|排|门|组)");
    private static final Pattern DROPPED = Pattern.compile("[\\s\\p{Punct}&&[^#\\-]]|[·、，。；：“”‘’（）【】《》<>]");
    private static final Pattern DASHES = Pattern.compile("[‐‑‒–—―−－]");
    private static final Pattern TRIPLE = Pattern.compile("(\\d+)-(\\d+)-(\\d+)");
    private static final Pattern ROAD_NUMBER = Pattern.compile("(路|街|道|巷|弄|胡同)(\\d+)号(?!楼|栋|幢|座)");
    private static final Pattern BUILDING = Pattern.compile("(\\d+|[a-z])(?:号楼|号栋|号幢|号座|栋|幢|座|#楼|#)");
    private static final Pattern BUILDING_BY_NUMBER = Pattern.compile("(\\d+)号(?=\\d+单元|$)");
    private static final Pattern UNIT = Pattern.compile("(\\d+)单元");
    private static final Pattern UNIT_ROOM = Pattern.compile("(<b\\d+>|<b[a-z]>)(\\d+)-(\\d+)");
    private static final Pattern PHASE = Pattern.compile("(\\d+)期");
    private static final Pattern ROOM = Pattern.compile("(\\d+)(?:室|户)");
    private static final Pattern TRAILING_ROOM = Pattern.compile("(>)(\\d+)$");
    private static final Pattern TOKEN = Pattern.compile("<[a-z]+[0-9a-z]*>");
    /** Words that say what kind of place a name is, not which: they are not a name. Longest first. */
    private static final List<String> COMMON = List.of("自治区", "开发区", "街道", "大街", "大道", "胡同", "小区",
            "社区", "花园", "家园", "公寓", "宿舍", "单元", "号楼", "号院", "省", "市", "区", "县", "镇", "乡", "村", "路",
            "街", "道", "巷", "弄", "里", "院", "号", "栋", "幢", "座", "楼", "层", "室", "户", "期");

    private final String text;
    private final String canonical;
    private final List<String> parts;

    private AddressPattern(String text) {
        this.text = text.strip();
        this.canonical = canonical(this.text);
        this.parts = parts(canonical);
    }

    /**
     * A pattern, checked.
     *
     * @throws IllegalArgumentException when {@link #check} refuses it
     */
    static AddressPattern of(String text) {
        Optional<Refusal> refusal = check(text);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException("address pattern refused (" + refusal.get() + "): " + text);
        }
        return new AddressPattern(text);
    }

    /** Why the text cannot be a pattern, or empty when it can. */
    static Optional<Refusal> check(String text) {
        if (text == null || text.isBlank() || canonical(text).isEmpty()) {
            return Optional.of(Refusal.EMPTY);
        }
        if (text.strip().length() > MAX_LENGTH) {
            return Optional.of(Refusal.TOO_LONG);
        }
        if (!org.warmline.cases.TextRules.oneLine(text)) {
            return Optional.of(Refusal.TEXT);
        }
        return nameLetters(canonical(text)) < MIN_NAME ? Optional.of(Refusal.NO_PLACE) : Optional.empty();
    }

    /** The pattern as written. */
    String text() {
        return text;
    }

    /** Whether an address matches the pattern (an empty address matches nothing). */
    boolean matches(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String a = canonical(address);
        int at = 0;
        for (String part : parts) {
            int found = a.indexOf(part, at);
            if (found < 0) {
                return false;
            }
            at = found + part.length();
        }
        return true;
    }

    /** The canonical form of an address or pattern (see the class comment); for tests and messages. */
    static String canonical(String address) {
        String s = Normalizer.normalize(address, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        s = DASHES.matcher(s).replaceAll("-");
        s = DROPPED.matcher(s).replaceAll("");
        s = replace(CHINESE_NUMBER, s, m -> Integer.toString(number(m.group(1))));
        s = TRIPLE.matcher(s).replaceAll("<b$1><u$2><r$3>");
        s = ROAD_NUMBER.matcher(s).replaceAll("$1<n$2>");
        s = BUILDING.matcher(s).replaceAll("<b$1>");
        s = BUILDING_BY_NUMBER.matcher(s).replaceAll("<b$1>");
        s = UNIT_ROOM.matcher(s).replaceAll("$1<u$2><r$3>");
        s = UNIT.matcher(s).replaceAll("<u$1>");
        s = PHASE.matcher(s).replaceAll("<p$1>");
        s = ROOM.matcher(s).replaceAll("<r$1>");
        s = TRAILING_ROOM.matcher(s).replaceAll("$1<r$2>");
        return s;
    }

    /** The canonical form cut into its names (text between tokens) and its tokens, in order. */
    private static List<String> parts(String canonical) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(canonical);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                out.add(canonical.substring(at, m.start()));
            }
            out.add(m.group());
            at = m.end();
        }
        if (at < canonical.length()) {
            out.add(canonical.substring(at));
        }
        return out;
    }

    /** How many letters of a name the canonical form has, without its tokens, digits and common words. */
    private static int nameLetters(String canonical) {
        String names = TOKEN.matcher(canonical).replaceAll(" ");
        for (String word : COMMON) {
            names = names.replace(word, " ");
        }
        return (int) names.codePoints().filter(Character::isLetter).count();
    }

    /** A Chinese numeral as a number: 三 3, 十二 12, 二十 20, 一百零一 101; digit by digit without 十 or 百 (二七 27). */
    static int number(String numeral) {
        if (numeral.indexOf('十') < 0 && numeral.indexOf('百') < 0) {
            int value = 0;
            for (char ch : numeral.toCharArray()) {
                value = value * 10 + digit(ch);
            }
            return value;
        }
        int total = 0;
        int current = 0;
        for (char ch : numeral.toCharArray()) {
            if (ch == '百') {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
            } else if (ch == '十') {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else {
                current = digit(ch);
            }
        }
        return total + current;
    }

    private static int digit(char ch) {
        return switch (ch) {
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> 0;
        };
    }

    private static String replace(Pattern pattern, String s, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
