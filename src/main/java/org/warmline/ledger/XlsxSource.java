package org.warmline.ledger;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams the sheets of one {@code .xlsx} workbook into {@link Cells.RowSink}s with SAX (never the whole workbook in
 * memory). POI's {@code ZipSecureFile} rejects zip bombs by their inflation ratio; every part is also read through a
 * limit on its unpacked size, cells are limited in length and columns in number. A formula cell is read by the value
 * cached in the file by the program that saved it (Excel, WPS, LibreOffice, whose booleans are the formulas
 * {@code TRUE()} and {@code FALSE()}), never evaluated; one without a cached value is handed on as
 * {@link Cells#FORMULA}. A merged range gives its first cell's value to every cell of the range: its ranges are read
 * first, in a pass of their own over the sheet (Excel writes them after the rows).
 */
final class XlsxSource {

    /** Opens the sink for a sheet's table, or returns null to skip the sheet. */
    interface Sheets {
        Cells.RowSink open(String sheetName);
    }

    /** Thrown when a part unpacks to more than the limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("too large");
        }
    }

    /** Stops parsing a sheet after a problem that makes the rest unreadable. */
    private static final class Stop extends SAXException {
        Stop() {
            super("stop");
        }
    }

    private XlsxSource() {
    }

    /**
     * Reads the workbook: first the sheets {@code order} puts first (units, staff), then the others.
     *
     * @param order ranks a sheet name (lower first); sheets are read in that order
     */
    static boolean read(Path path, String fileName, Sheets sheets, java.util.function.ToIntFunction<String> order,
                     Collector collector, Problems problems, LedgerReader.Limits limits) {
        try {
            if (Files.size(path) > limits.maxFileBytes()) {
                problems.add(fileName, 0, "", "fileTooLarge", limits.maxFileBytes() / (1024 * 1024));
                return false;
            }
            byte[] head = new byte[4];
            try (InputStream in = Files.newInputStream(path)) {
                int n = in.readNBytes(head, 0, 4);
                if (n >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF) {
                    problems.add(fileName, 0, "", "xls");
                    return false;
                }
                if (n < 4 || head[0] != 'P' || head[1] != 'K') {
                    problems.add(fileName, 0, "", "notXlsx");
                    return false;
                }
            }
        } catch (IOException e) {
            problems.add(fileName, 0, "", "unreadable", String.valueOf(e.getMessage()));
            return false;
        }
        int before = problems.count();
        try (OPCPackage pkg = OPCPackage.open(path.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            collector.date1904 = date1904(reader, limits);
            List<String> strings = sharedStrings(pkg, limits);
            StylesTable styles = reader.getStylesTable();
            List<String> names = new ArrayList<>();
            List<PackagePart> parts = new ArrayList<>();
            XSSFReader.SheetIterator it = reader.getSheetIterator();
            while (it.hasNext()) {
                it.next().close();
                names.add(it.getSheetName());
                parts.add(it.getSheetPart());
            }
            Integer[] index = new Integer[names.size()];
            for (int i = 0; i < index.length; i++) {
                index[i] = i;
            }
            Arrays.sort(index, (a, b) -> Integer.compare(order.applyAsInt(names.get(a)), order.applyAsInt(names.get(b))));
            for (int i : index) {
                Cells.RowSink sink = sheets.open(names.get(i));
                if (sink == null) {
                    continue;
                }
                String label = fileName + "[" + names.get(i) + "]";
                List<Merge> merges = merges(parts.get(i), limits);
                try (InputStream in = new Limited(parts.get(i).getInputStream(), limits.maxPartBytes())) {
                    SheetHandler handler = new SheetHandler(label, sink, strings, styles, problems, limits, merges);
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(handler);
                    boolean stopped = false;
                    try {
                        xml.parse(new InputSource(in));
                    } catch (Stop stop) {
                        stopped = true; // a problem was reported
                    }
                    if (!stopped) {
                        sink.end();
                    }
                }
            }
            return true;
        } catch (Problems.Full full) {
            throw full;
        } catch (SAXException e) {
            if (e.getCause() instanceof Problems.Full full) {
                throw full;
            }
            failed(e, fileName, problems, before);
        } catch (IOException | OpenXML4JException | ParserConfigurationException | POIXMLException
                 | OpenXML4JRuntimeException | IllegalArgumentException | IllegalStateException
                 | UnsupportedOperationException | ClassCastException | IndexOutOfBoundsException e) {
            failed(e, fileName, problems, before);
        }
        return false;
    }

    /** Reports a workbook that cannot be read as a whole, replacing what its partly read sheets reported. */
    private static void failed(Throwable e, String fileName, Problems problems, int before) {
        problems.truncate(before);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Problems.Full full) {
                throw full;
            }
            String message = String.valueOf(t.getMessage());
            if (t instanceof TooLarge || message.contains("Zip bomb") || message.contains("MAX_ENTRY_SIZE")
                    || message.contains("max file count") || message.contains("MAX_FILE_COUNT")) {
                problems.add(fileName, 0, "", "zipBomb");
                return;
            }
            if (t == t.getCause()) {
                break;
            }
        }
        if (e instanceof InvalidFormatException || e instanceof org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException
                || e instanceof SAXException) {
            problems.add(fileName, 0, "", "notXlsx");
        } else {
            problems.add(fileName, 0, "", "badXlsx", String.valueOf(e.getMessage()));
        }
    }

    private static boolean date1904(XSSFReader reader, LedgerReader.Limits limits)
            throws IOException, InvalidFormatException, SAXException, ParserConfigurationException {
        boolean[] result = {false};
        try (InputStream in = new Limited(reader.getWorkbookData(), limits.maxPartBytes())) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("workbookPr".equals(localName)) {
                        String v = attributes.getValue("date1904");
                        result[0] = "1".equals(v) || "true".equalsIgnoreCase(v);
                    }
                }
            });
            xml.parse(new InputSource(in));
        }
        return result[0];
    }

    /** Merged ranges kept at most per sheet (a sheet has a few dozen; a hostile one is cut short). */
    static final int MAX_MERGES = 100_000;

    /** A merged range: rows {@code top}..{@code bottom} (1-based), columns {@code left}..{@code right} (0-based). */
    static final class Merge {
        final int top;
        final int left;
        final int bottom;
        final int right;
        Object value;

        Merge(int top, int left, int bottom, int right) {
            this.top = top;
            this.left = left;
            this.bottom = bottom;
            this.right = right;
        }
    }

    /** The merged ranges of a sheet ({@code <mergeCell ref="A1:H1"/>}), by first row. */
    private static List<Merge> merges(PackagePart part, LedgerReader.Limits limits)
            throws IOException, SAXException, ParserConfigurationException {
        List<Merge> merges = new ArrayList<>();
        if (!mentionsMerges(part, limits)) {
            return merges; // most sheets: no parse of their own
        }
        try (InputStream in = new Limited(part.getInputStream(), limits.maxPartBytes())) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if (!"mergeCell".equals(localName) || merges.size() >= MAX_MERGES) {
                        return;
                    }
                    String ref = attributes.getValue("ref");
                    int colon = ref == null ? -1 : ref.indexOf(':');
                    if (colon < 0) {
                        return;
                    }
                    int[] from = cellRef(ref.substring(0, colon));
                    int[] to = cellRef(ref.substring(colon + 1));
                    if (from == null || to == null) {
                        return;
                    }
                    int right = Math.min(Math.max(from[1], to[1]), limits.maxColumns() - 1);
                    merges.add(new Merge(Math.min(from[0], to[0]), Math.min(from[1], to[1]),
                            Math.max(from[0], to[0]), right));
                }
            });
            xml.parse(new InputSource(in));
        }
        merges.sort((a, b) -> Integer.compare(a.top, b.top));
        return merges;
    }

    private static final byte[] MERGE_CELL = "mergeCell".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Whether the bytes of a part hold {@code mergeCell} anywhere (an unpacking and a byte search, no XML parse). */
    private static boolean mentionsMerges(PackagePart part, LedgerReader.Limits limits) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int kept = 0;
        try (InputStream in = new Limited(part.getInputStream(), limits.maxPartBytes())) {
            int n;
            while ((n = in.read(buffer, kept, buffer.length - kept)) > 0) {
                int end = kept + n;
                for (int i = 0; i + MERGE_CELL.length <= end; i++) {
                    if (buffer[i] == 'm' && Arrays.equals(buffer, i, i + MERGE_CELL.length, MERGE_CELL, 0,
                            MERGE_CELL.length)) {
                        return true;
                    }
                }
                kept = Math.min(MERGE_CELL.length - 1, end);
                System.arraycopy(buffer, end - kept, buffer, 0, kept);
            }
        }
        return false;
    }

    /** The row (1-based) and column (0-based) of a reference like {@code B12}, or null. */
    static int[] cellRef(String ref) {
        int i = 0;
        int col = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            char c = Character.toUpperCase(ref.charAt(i));
            if (c < 'A' || c > 'Z' || col > 100_000) {
                return null;
            }
            col = col * 26 + (c - 'A' + 1);
            i++;
        }
        if (i == 0 || i == ref.length() || ref.length() - i > 9) {
            return null;
        }
        try {
            int row = Integer.parseInt(ref.substring(i).replace("$", ""));
            return row < 1 ? null : new int[] {row, col - 1};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads the shared strings (all of them are needed at once) within the limits on size and count. */
    private static List<String> sharedStrings(OPCPackage pkg, LedgerReader.Limits limits)
            throws IOException, SAXException, ParserConfigurationException {
        List<String> strings = new ArrayList<>();
        List<PackagePart> parts = pkg.getPartsByContentType(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml");
        if (parts.isEmpty()) {
            return strings;
        }
        Map<String, String> dedupe = new HashMap<>();
        try (InputStream in = new Limited(parts.get(0).getInputStream(), limits.maxPartBytes())) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                private final StringBuilder text = new StringBuilder();
                private boolean inT;
                private int phonetic;
                private boolean tooLong;

                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    switch (localName) {
                        case "si" -> {
                            text.setLength(0);
                            tooLong = false;
                        }
                        case "rPh" -> phonetic++;
                        case "t" -> inT = phonetic == 0;
                        default -> {
                        }
                    }
                }

                @Override
                public void endElement(String uri, String localName, String qName) throws SAXException {
                    switch (localName) {
                        case "si" -> {
                            if (strings.size() >= limits.maxSharedStrings()) {
                                throw new SAXException(new TooLarge());
                            }
                            String s = tooLong ? null : text.toString();
                            if (s != null) {
                                String known = dedupe.putIfAbsent(s, s);
                                s = known != null ? known : s;
                            }
                            strings.add(s);
                        }
                        case "rPh" -> phonetic--;
                        case "t" -> inT = false;
                        default -> {
                        }
                    }
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    if (inT && !tooLong) {
                        if (text.length() + length > limits.maxCellChars()) {
                            tooLong = true;
                            text.setLength(0);
                        } else {
                            text.append(ch, start, length);
                        }
                    }
                }
            });
            xml.parse(new InputSource(in));
        }
        return strings;
    }

    /** The SAX handler of one sheet. */
    private static final class SheetHandler extends DefaultHandler {

        private final String label;
        private final Cells.RowSink sink;
        private final List<String> strings;
        private final StylesTable styles;
        private final Problems problems;
        private final LedgerReader.Limits limits;
        private final Map<Integer, Boolean> dateStyles = new HashMap<>();
        private final StringBuilder text = new StringBuilder();

        private final List<Merge> merges;
        private final List<Merge> activeMerges = new ArrayList<>();
        private int nextMerge;
        private boolean sawHeader;
        private boolean sawValue;
        private int rowNumber;
        private Object[] cells = new Object[16];
        private int width;
        private int column;
        private String type;
        private int style;
        private boolean formula;
        private boolean tooLong;
        private boolean collect;
        private boolean inCell;
        private int phonetic;

        SheetHandler(String label, Cells.RowSink sink, List<String> strings, StylesTable styles, Problems problems,
                     LedgerReader.Limits limits, List<Merge> merges) {
            this.merges = merges;
            this.label = label;
            this.sink = sink;
            this.strings = strings;
            this.styles = styles;
            this.problems = problems;
            this.limits = limits;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    int next = rowNumber + 1;
                    if (r != null) {
                        try {
                            next = Integer.parseInt(r);
                        } catch (NumberFormatException e) {
                            // keep counting
                        }
                    }
                    rowNumber = next;
                    Arrays.fill(cells, 0, width, null);
                    width = 0;
                    column = -1;
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref != null ? columnOf(ref) : column + 1;
                    if (column >= limits.maxColumns()) {
                        problems.add(label, rowNumber, Cells.letters(column), "tooManyColumns", limits.maxColumns());
                        throw new Stop();
                    }
                    type = attributes.getValue("t");
                    String s = attributes.getValue("s");
                    style = -1;
                    if (s != null) {
                        try {
                            style = Integer.parseInt(s);
                        } catch (NumberFormatException e) {
                            style = -1;
                        }
                    }
                    formula = false;
                    sawValue = false;
                    tooLong = false;
                    text.setLength(0);
                    inCell = true;
                }
                case "f" -> formula = true;
                case "v" -> {
                    // an inline string's text is its <is>, as Excel and POI read it (a writer may leave a <v> beside)
                    collect = inCell && !"inlineStr".equals(type);
                    sawValue = inCell;
                }
                case "rPh" -> phonetic++;
                // an inline string's text; a cell of another type keeps only its <v> (a writer that changed the cell's
                // type may leave the old <is> behind)
                case "t" -> collect = inCell && phonetic == 0 && "inlineStr".equals(type);
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            switch (localName) {
                case "v", "t" -> collect = false;
                case "rPh" -> phonetic--;
                case "c" -> {
                    inCell = false;
                    Object value = value();
                    if (value != null) {
                        if (column >= cells.length) {
                            cells = Arrays.copyOf(cells, Math.max(column + 1, cells.length * 2));
                        }
                        cells[column] = value;
                        width = Math.max(width, column + 1);
                    }
                }
                case "row" -> {
                    if (!merges.isEmpty()) {
                        merge();
                    }
                    Object[] row = Arrays.copyOf(cells, width);
                    if (!sawHeader) {
                        if (width == 0 || Cells.blank(row)) {
                            return;
                        }
                        sawHeader = true;
                        sink.header(rowNumber, row);
                    } else {
                        sink.row(rowNumber, row);
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (collect && !tooLong) {
                if (text.length() + length > limits.maxCellChars()) {
                    tooLong = true;
                    text.setLength(0);
                } else {
                    text.append(ch, start, length);
                }
            }
        }

        /** Gives the value of each merged range's first cell to every cell of the range in this row. */
        private void merge() {
            while (nextMerge < merges.size() && merges.get(nextMerge).top <= rowNumber) {
                Merge m = merges.get(nextMerge++);
                if (m.top == rowNumber && m.left < cells.length) {
                    m.value = cells[m.left];
                }
                activeMerges.add(m);
            }
            activeMerges.removeIf(m -> m.bottom < rowNumber);
            for (Merge m : activeMerges) {
                if (m.value == null && m.top != rowNumber) {
                    continue;
                }
                if (m.right >= cells.length) {
                    cells = Arrays.copyOf(cells, m.right + 1);
                }
                for (int c = m.left; c <= m.right; c++) {
                    cells[c] = m.value;
                }
                if (m.value != null) {
                    width = Math.max(width, m.right + 1);
                }
            }
        }

        private Object value() {
            if (tooLong) {
                return Cells.TOO_LONG;
            }
            String v = text.toString();
            if (formula && (!sawValue
                    || (v.isEmpty() && !"str".equals(type) && !"inlineStr".equals(type)))) {
                return Cells.FORMULA; // no cached value: never evaluated here
            }
            if ("e".equals(type)) {
                return v.isBlank() ? null : new Cells.Error(v.trim());
            }
            if (type == null || type.equals("n")) {
                if (v.isEmpty()) {
                    return null;
                }
                try {
                    return new Cells.Number(Double.parseDouble(v), isDateStyle(style));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            switch (type) {
                case "s":
                    try {
                        int index = Integer.parseInt(v.trim());
                        String s = index >= 0 && index < strings.size() ? strings.get(index) : "";
                        return s == null ? Cells.TOO_LONG : s;
                    } catch (NumberFormatException e) {
                        return v;
                    }
                case "b":
                    return "1".equals(v.trim()) ? "TRUE" : "FALSE";
                default:
                    // inlineStr, str, d (ISO text), e (error text)
                    return v;
            }
        }

        private boolean isDateStyle(int index) {
            if (index < 0 || styles == null) {
                return false;
            }
            return dateStyles.computeIfAbsent(index, i -> {
                try {
                    if (i >= styles.getNumCellStyles()) {
                        return false;
                    }
                    XSSFCellStyle cellStyle = styles.getStyleAt(i);
                    int format = cellStyle.getDataFormat();
                    String pattern = cellStyle.getDataFormatString();
                    if (pattern == null) {
                        pattern = BuiltinFormats.getBuiltinFormat(format);
                    }
                    return pattern != null && DateUtil.isADateFormat(format, pattern);
                } catch (RuntimeException e) {
                    return false;
                }
            });
        }

        private static int columnOf(String ref) {
            int col = 0;
            for (int i = 0; i < ref.length(); i++) {
                char c = ref.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    col = col * 26 + (c - 'A' + 1);
                    if (col > 1_000_000) {
                        return col;
                    }
                } else if (c >= 'a' && c <= 'z') {
                    col = col * 26 + (c - 'a' + 1);
                } else {
                    break;
                }
            }
            return col - 1;
        }
    }

    /** Fails with {@link TooLarge} once more than {@code limit} bytes were read. */
    static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > limit) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new TooLarge();
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return super.skip(n);
        }
    }
}
