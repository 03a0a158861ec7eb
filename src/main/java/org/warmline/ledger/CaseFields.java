package org.warmline.ledger;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;

/**
 * The fields of one record of {@code cases.csv} (工单台账), taken by FastCSV's callback straight from its buffer: the
 * common spellings of instants, codes, flags, references and repeated texts are converted there without making a
 * string per field; a field in any other spelling is kept as its string (as {@code StringArrayHandler} would hand it
 * on) for {@link Collector}'s usual conversion, which reports what is wrong with it. A value taken here is always the
 * value the usual conversion gives for the same text, and never one that it would reject, so a record reads the same
 * either way.
 *
 * <p>Used by the two-part reading of a large cases table ({@link CsvSource#readSplit}), where any problem, failure or
 * limit means the whole file is read again on the single path: the limits here only have to stop the reading (they
 * throw), the single path reports them.
 */
final class CaseFields extends AbstractBaseCsvCallbackHandler<CaseFields> {

    /** How a column of the cases table is read. */
    private static final byte TEXT = 0;
    private static final byte INSTANT = 1;
    private static final byte FLAG = 2;
    private static final byte CODED = 3;
    private static final byte TOPIC = 4;
    private static final byte REPEATED = 5;
    private static final byte UNIT = 6;
    private static final byte STAFF = 7;
    /** Text, but one that may be in scientific notation (left to the collector, which refuses it). */
    private static final byte PHONE = 8;

    /** How each column of the cases table is read here, by its {@link CaseColumn#kind()}. */
    private static final byte[] KIND = new byte[CaseColumn.ALL.size()];

    /** The exact spellings of the coded columns (index: column), or null. */
    private static final Spellings[] SPELLINGS = new Spellings[KIND.length];

    static {
        for (CaseColumn<?> column : CaseColumn.ALL) {
            KIND[column.index()] = switch (column.kind()) {
                case TEXT -> column.repeated() ? REPEATED : TEXT;
                case PHONE -> PHONE;
                case TOPIC -> TOPIC;
                case CODE -> CODED;
                case FLAG -> FLAG;
                case INSTANT -> INSTANT;
                case UNIT -> UNIT;
                case STAFF -> STAFF;
            };
            if (column.kind() == CaseColumn.Kind.CODE) {
                SPELLINGS[column.index()] = Spellings.of(column.type());
            }
        }
    }

    private final Values values;
    private final UnaryOperator<String> intern;
    private final UnaryOperator<String> topic;
    private final Predicate<String> knownUnit;
    private final Predicate<String> knownStaff;
    private final int maxFields;
    private final int maxFieldSize;
    private final int maxRecordSize;

    /** The column read from each position of the record, -1 for a column the table does not know; null: header. */
    private int[] columnAt;
    private String[] header = new String[32];
    private int recordSize;

    /** The fields kept as strings, at their positions in the record (null where taken here or empty). */
    private Object[] cells = new Object[64];
    private int fieldCount;
    private boolean blank;
    /** The columns whose value was taken here. */
    private long taken;
    private final long[] instants = new long[KIND.length];
    private final Object[] objects = new Object[KIND.length];

    private final TextCache repeatedTexts = new TextCache(12);
    private final TextCache topics = new TextCache(8);
    private final TextCache units = new TextCache(12);
    private final TextCache staff = new TextCache(12);

    /**
     * @param intern     one copy of a code (as the collector keeps them)
     * @param topic      a trimmed, non-empty topic as the collector stores it (normalised, one copy)
     * @param knownUnit  whether a unit code is in the units table
     * @param knownStaff whether a staff code is in the staff table
     */
    CaseFields(Values values, UnaryOperator<String> intern, UnaryOperator<String> topic, Predicate<String> knownUnit,
               Predicate<String> knownStaff, LedgerReader.Limits limits) {
        this.values = values;
        this.intern = intern;
        this.topic = topic;
        this.knownUnit = knownUnit;
        this.knownStaff = knownStaff;
        this.maxFields = limits.maxColumns();
        this.maxFieldSize = limits.maxCellChars();
        this.maxRecordSize = Math.max(limits.maxCellChars(), limits.maxRecordChars());
    }

    /**
     * Starts reading data records: {@code positions} holds, per column of the cases table, its position in the record
     * or -1 (as the collector found them in the header). Until then the records are read as headers.
     */
    void columns(int[] positions) {
        int width = 0;
        for (int p : positions) {
            width = Math.max(width, p + 1);
        }
        columnAt = new int[width];
        Arrays.fill(columnAt, -1);
        for (int column = 0; column < positions.length; column++) {
            if (positions[column] >= 0) {
                columnAt[positions[column]] = column;
            }
        }
    }

    /** The header record just read, as strings. */
    String[] header() {
        return Arrays.copyOf(header, fieldCount);
    }

    /** Whether every field of the record is empty or blank (the row is skipped). */
    boolean blank() {
        return blank;
    }

    /** The fields kept as strings, at their positions (the collector's cells). */
    Object[] cells() {
        return cells;
    }

    /** Whether the value of a column was taken here (then it is {@link #instant} or {@link #value}). */
    boolean taken(int column) {
        return (taken & (1L << column)) != 0;
    }

    long instant(int column) {
        return instants[column];
    }

    Object value(int column) {
        return objects[column];
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        Arrays.fill(cells, 0, Math.min(fieldCount, cells.length), null);
        fieldCount = 0;
        recordSize = 0;
        blank = true;
        taken = 0;
    }

    @Override
    protected void handleEmpty() {
        // an empty line: a blank record with one empty field
        fieldCount = 1;
        if (columnAt == null) {
            header[0] = "";
        }
    }

    @Override
    protected CaseFields buildRecord() {
        return this;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
        if (index >= maxFields || len > maxFieldSize || (recordSize += len) > maxRecordSize) {
            throw new CsvParseException("a limit of the reader is exceeded in field " + index);
        }
        fieldCount = index + 1;
        if (columnAt == null) {
            if (index == header.length) {
                header = Arrays.copyOf(header, header.length * 2);
            }
            header[index] = new String(buf, offset, len);
            return;
        }
        if (blank && !whitespace(buf, offset, len)) {
            blank = false;
        }
        int column = index < columnAt.length ? columnAt[index] : -1;
        if (column < 0 || len == 0) {
            return;
        }
        int start = offset;
        int end = offset + len;
        while (start < end && buf[start] <= ' ') {
            start++;
        }
        while (end > start && buf[end - 1] <= ' ') {
            end--;
        }
        if (end > start && take(column, buf, start, end - start)) {
            taken |= 1L << column;
        } else {
            keep(index, new String(buf, offset, len));
        }
    }

    /** Converts a trimmed, non-empty field of a column; false when the collector has to read it. */
    private boolean take(int column, char[] buf, int at, int n) {
        switch (KIND[column]) {
            case TEXT -> {
                objects[column] = new String(buf, at, n);
                return true;
            }
            case PHONE -> {
                for (int i = at; i < at + n; i++) {
                    if (buf[i] == 'e' || buf[i] == 'E') {
                        return false;
                    }
                }
                objects[column] = new String(buf, at, n);
                return true;
            }
            case INSTANT -> {
                if (n != 19) {
                    return false;
                }
                long value = values.plainInstant(buf, at);
                if (value == Values.BAD) {
                    return false;
                }
                instants[column] = value;
                return true;
            }
            case FLAG -> {
                Boolean value = flag(buf, at, n);
                objects[column] = value;
                return value != null;
            }
            case CODED -> {
                Object value = SPELLINGS[column].find(buf, at, n);
                objects[column] = value;
                return value != null;
            }
            case TOPIC -> {
                int hash = TextCache.hash(buf, at, n);
                String value = topics.find(buf, at, n, hash);
                if (value == null) {
                    value = topic.apply(new String(buf, at, n));
                    if (value == null) {
                        return false;
                    }
                    topics.put(buf, at, n, hash, value);
                }
                objects[column] = value;
                return true;
            }
            case REPEATED -> {
                int hash = TextCache.hash(buf, at, n);
                String value = repeatedTexts.find(buf, at, n, hash);
                if (value == null) {
                    value = new String(buf, at, n);
                    repeatedTexts.put(buf, at, n, hash, value);
                }
                objects[column] = value;
                return true;
            }
            default -> {
                boolean unit = KIND[column] == UNIT;
                TextCache known = unit ? units : staff;
                int hash = TextCache.hash(buf, at, n);
                String value = known.find(buf, at, n, hash);
                if (value == null) {
                    String code = intern.apply(new String(buf, at, n));
                    if (!(unit ? knownUnit : knownStaff).test(code)) {
                        return false;
                    }
                    known.put(buf, at, n, hash, code);
                    value = code;
                }
                objects[column] = value;
                return true;
            }
        }
    }

    private void keep(int index, String field) {
        if (index >= cells.length) {
            cells = Arrays.copyOf(cells, Math.max(cells.length * 2, index + 1));
        }
        cells[index] = field;
    }

    /** The spellings of {@link Values#bool} that need no case-insensitive comparison; null for any other. */
    private static Boolean flag(char[] buf, int at, int n) {
        if (n == 1) {
            char c = buf[at];
            if (c == 'y' || c == 'Y' || c == '1' || c == '是') {
                return Boolean.TRUE;
            }
            if (c == 'n' || c == 'N' || c == '0' || c == '否') {
                return Boolean.FALSE;
            }
            return null;
        }
        if (n == 4 && (is(buf, at, "true") || is(buf, at, "TRUE"))) {
            return Boolean.TRUE;
        }
        if (n == 5 && (is(buf, at, "false") || is(buf, at, "FALSE"))) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static boolean is(char[] buf, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (buf[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every character is white space as {@link String#isBlank} sees it (true when empty). */
    private static boolean whitespace(char[] buf, int at, int n) {
        for (int i = at; i < at + n; i++) {
            if (!Character.isWhitespace(buf[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The exact spellings of a coded type (each value's code and Chinese name), each with the value that
     * {@link Coded#lookup} finds for it (so a type whose spellings are ambiguous gives what the loop gives).
     */
    private static final class Spellings {
        private final char[][] texts;
        private final Object[] values;

        /** The spellings of a coded column's type (an enumeration that is {@link Coded}). */
        @SuppressWarnings({"unchecked", "rawtypes"})
        static Spellings of(Class<?> type) {
            return new Spellings((Class) type);
        }

        <E extends Enum<E> & Coded> Spellings(Class<E> type) {
            Map<String, Object> all = new LinkedHashMap<>();
            for (E e : type.getEnumConstants()) {
                for (String spelling : new String[] {e.name(), e.chinese()}) {
                    all.putIfAbsent(spelling, Coded.lookup(type, spelling));
                }
            }
            all.values().removeIf(java.util.Objects::isNull);
            texts = new char[all.size()][];
            values = new Object[all.size()];
            int i = 0;
            for (Map.Entry<String, Object> e : all.entrySet()) {
                texts[i] = e.getKey().toCharArray();
                values[i] = e.getValue();
                i++;
            }
        }

        Object find(char[] buf, int at, int n) {
            for (int i = 0; i < texts.length; i++) {
                char[] text = texts[i];
                if (text.length == n && text[0] == buf[at] && Arrays.equals(text, 0, n, buf, at, at + n)) {
                    return values[i];
                }
            }
            return null;
        }
    }

    /** A direct-mapped cache from a text (characters of a buffer) to a string. */
    private static final class TextCache {
        private final char[][] keys;
        private final String[] values;
        private final int shift;

        TextCache(int bits) {
            keys = new char[1 << bits][];
            values = new String[1 << bits];
            shift = 32 - bits;
        }

        /**
         * A hash of every character of a short text (codes, names), and of the length and five characters (first,
         * last, and at a quarter, half and three quarters) of a longer one, in constant time; texts that differ only
         * elsewhere share a slot (and take turns in it).
         */
        static int hash(char[] buf, int at, int n) {
            int h = n;
            if (n <= 12) {
                for (int i = at; i < at + n; i++) {
                    h = 31 * h + buf[i];
                }
                return h;
            }
            h = 31 * h + buf[at];
            h = 31 * h + buf[at + n - 1];
            h = 31 * h + buf[at + (n >> 1)];
            h = 31 * h + buf[at + (n >> 2)];
            h = 31 * h + buf[at + n - 1 - (n >> 2)];
            return h;
        }

        String find(char[] buf, int at, int n, int hash) {
            int slot = (hash * 0x9E3779B9) >>> shift;
            char[] key = keys[slot];
            if (key != null && key.length == n && Arrays.equals(key, 0, n, buf, at, at + n)) {
                return values[slot];
            }
            return null;
        }

        void put(char[] buf, int at, int n, int hash, String value) {
            int slot = (hash * 0x9E3779B9) >>> shift;
            keys[slot] = Arrays.copyOfRange(buf, at, at + n);
            values[slot] = value;
        }
    }
}
