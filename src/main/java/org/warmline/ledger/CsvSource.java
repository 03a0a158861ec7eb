package org.warmline.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.StringArrayHandler;

/**
 * Streams one CSV file (UTF-8, optional BOM) into a {@link Cells.RowSink}. The file is never loaded whole: FastCSV reads
 * it record by record through a strict UTF-8 decoder, with limits on the field size and the number of fields. The
 * UTF-8 decoding and the parsing each run in a thread of their own, a little ahead of the conversion (see
 * {@link DecodedReader} and {@link Parser}): three stages that share the cores.
 */
final class CsvSource {

    /**
     * The threads of the stages that run beside a reading (a file's decoding and parsing, the second part of a split
     * file): daemon threads, kept a minute after a reading for the next one. Each stage has a thread of its own while
     * it runs, so no stage waits for another to free one.
     */
    private static final ExecutorService STAGES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "ledger-csv");
        thread.setDaemon(true);
        return thread;
    });

    /** Records per batch handed from the parsing thread to the reading thread. */
    private static final int BATCH = 1024;
    /** Batches parsed ahead at most. */
    private static final int QUEUED_BATCHES = 16;
    /** Characters per chunk handed from the decoding thread to the parsing thread, and chunks decoded ahead. */
    private static final int CHUNK_CHARS = 1 << 15;
    private static final int QUEUED_CHUNKS = 16;
    private static final Pattern FIELD_INDEX = Pattern.compile("Field at index (\\d+)");

    private CsvSource() {
    }

    /**
     * Reads one file whole into the sink, in the encoding and with the field separator {@link TextEncoding} finds
     * (a warning says which, unless UTF-8).
     *
     * @return whether the file could be read as a whole (false: a problem about the file itself was reported, e.g.
     *         its encoding or CSV structure, so its table is unknown and references to it are not checked)
     */
    static boolean read(Path path, String file, Cells.RowSink sink, Problems problems, LedgerReader.Limits limits) {
        TextEncoding.Detected encoding;
        try {
            long size = Files.size(path);
            if (size > limits.maxFileBytes()) {
                problems.add(file, 0, "", "fileTooLarge", limits.maxFileBytes() / (1024 * 1024));
                return false;
            }
            encoding = TextEncoding.detect(path);
        } catch (IOException e) {
            problems.add(file, 0, "", "unreadable", e.getMessage());
            return false;
        }
        if (encoding.refusal() != null) {
            problems.add(file, 0, "", encoding.refusal());
            return false;
        }
        if (encoding.warning() != null) {
            problems.warn(file, 0, "", encoding.warning(), encoding.label());
        }
        return stream(() -> encoding.open(path), path, file, sink, problems, limits, 0, true, encoding);
    }

    /** Files at least this large are read in two parts, one per thread (see {@link #readSplit}); tests lower it. */
    static volatile long splitMinBytes = 8L << 20;
    /** Readings in two parts that were joined (not read again whole); tests look at it. */
    static final java.util.concurrent.atomic.AtomicLong splitReads = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Reads a large table in two parts, each in a thread of its own that decodes, parses and converts in turn: the
     * file is split at a record boundary near its middle ({@link #splitTarget}; found by following the quoting from the start, see {@link #findSplit}), each part is parsed and converted
     * into a part of the collector ({@link Collector#part}), and the parts are joined in file order, the rows of the
     * second part counted on from the first. When either part finds any problem, fails, or the join finds a duplicate
     * case number across the parts or too many rows, the parts are dropped and the whole file is read again on the
     * single path, so that the problems (their rows, their order, the cap) are exactly those of a single reading.
     */
    static boolean readSplit(Path path, String file, Collector collector, LedgerTable table, Problems problems,
                             LedgerReader.Limits limits) {
        long size;
        try {
            size = Files.size(path);
            if (table != LedgerTable.CASES || size < splitMinBytes || size > limits.maxFileBytes()) {
                size = -1;
            } else {
                TextEncoding.Detected encoding = TextEncoding.detect(path);
                String[] header = encoding.utf8() && encoding.separator() == ',' && encoding.warning() == null
                        ? firstRecord(path, limits) : null;
                if (header == null || !LayoutSearch.namesColumns(LedgerTable.CASES, header)) {
                    size = -1; // another encoding or separator, or rows above the header: the single path
                }
            }
        } catch (IOException e) {
            size = -1;
        }
        if (size < 0) {
            return read(path, file, LayoutSearch.of(collector, table, file, problems), problems, limits);
        }
        long total = size;
        long from = splitTarget(total);
        Collector first = collector.part();
        Collector second = collector.part();
        first.expectCases(total / 2 / 256);
        second.expectCases(total / 2 / 256);
        Collector.CaseSink firstSink = first.openCases(file);
        Collector.CaseSink secondSink = second.openCases(file);
        CaseFields firstFields = first.caseFields();
        CaseFields secondFields = second.caseFields();
        java.util.concurrent.CompletableFuture<Long> end = new java.util.concurrent.CompletableFuture<>();
        boolean[] secondFailed = {false};
        Future<?> other = STAGES.submit(() -> {
            try {
                long[] split = findSplit(path, from);
                end.complete(split == null ? total : split[0]);
                if (split == null) {
                    return;
                }
                String[] header = firstRecord(path, limits);
                if (header == null || split[1] >= Integer.MAX_VALUE / 2) {
                    secondFailed[0] = true;
                    return;
                }
                secondSink.header(1, header);
                secondFields.columns(secondSink.positions());
                long at = split[0];
                Opener opener = () -> {
                    java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(path);
                    channel.position(at);
                    return java.nio.channels.Channels.newInputStream(channel);
                };
                part(opener, secondSink, secondFields, (int) split[1], false);
            } catch (Throwable t) {
                secondFailed[0] = true;
            } finally {
                end.complete(total);
            }
        });
        boolean firstFailed = false;
        try {
            Opener opener = () -> new HeadInput(Files.newInputStream(path), from, end);
            part(opener, firstSink, firstFields, 0, true);
        } catch (Throwable t) {
            firstFailed = true;
        }
        awaitEnd(other, () -> { });
        if (firstFailed || secondFailed[0] || !collector.join(first, second)) {
            return read(path, file, LayoutSearch.of(collector, table, file, problems), problems, limits);
        }
        splitReads.incrementAndGet();
        return true;
    }

    /**
     * Where a file of {@code size} bytes is split (at the first record boundary from there on): a little after the
     * middle, since the second thread first scans the first part for the boundary (in about a tenth of the time it
     * takes to parse and convert that part), so that both parts end at about the same time.
     */
    static long splitTarget(long size) {
        return size / 100 * 52;
    }

    /**
     * Reads one part of a split file in the calling thread: decodes, parses and hands on every record, the fields
     * taken by {@link CaseFields} straight from FastCSV's buffer. Any failure (bad UTF-8, bad CSV, a limit) is thrown:
     * the file is then read again on the single path, which reports it.
     */
    private static void part(Opener opener, Collector.CaseSink sink, CaseFields fields, int rowOffset,
                             boolean header) throws IOException {
        try (Reader reader = new InputStreamReader(opener.open(), decoder());
             CsvReader<CaseFields> csv = CsvReader.builder()
                     .skipEmptyLines(false)
                     .allowExtraFields(true)
                     .allowMissingFields(true)
                     .build(fields, reader);
             CloseableIterator<CaseFields> records = csv.iterator()) {
            int row = rowOffset;
            while (records.hasNext()) {
                records.next();
                row++;
                if (header && row == rowOffset + 1) {
                    String[] record = fields.header();
                    if (record.length > 0) {
                        record[0] = record[0].replace("\uFEFF", "");
                    }
                    sink.header(row, record);
                    fields.columns(sink.positions());
                } else {
                    sink.row(row, fields);
                }
            }
            if (header && row == rowOffset) {
                throw new IOException("no header");
            }
        }
    }

    /** The first record of a file (the header), without a byte order mark, or null. */
    private static String[] firstRecord(Path path, LedgerReader.Limits limits) throws IOException {
        try (Reader reader = new InputStreamReader(Files.newInputStream(path), decoder());
             CsvReader<String[]> csv = CsvReader.builder()
                     .skipEmptyLines(false)
                     .allowExtraFields(true)
                     .allowMissingFields(true)
                     .build(handler(limits), reader);
             CloseableIterator<String[]> records = csv.iterator()) {
            if (!records.hasNext()) {
                return null;
            }
            String[] record = records.next();
            if (record.length > 0) {
                record[0] = record[0].replace("\uFEFF", "");
            }
            return record;
        }
    }

    /**
     * The first record boundary at or after {@code from}: the byte just after a line feed that ends a record, and the
     * number of records before it (each CR, LF or CRLF outside quotes ends one, as FastCSV counts them, empty lines
     * included). The quoting is followed from the start of the file. Null when there is no such boundary, or when the
     * quoting is anything but plain RFC 4180 (a quote inside an unquoted field, or text right after a closing quote):
     * then the file is read on the single path.
     */
    static long[] findSplit(Path path, long from) throws IOException {
        // fast path for a file without quotes: every CR, LF or CRLF ends a record; eight bytes at a time
        long records = 0;
        long pos = 0;
        long lastCr = -2;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                int i = 0;
                // the whole words before the byte ahead of from: count the records (CR, LF, CRLF once) eight bytes
                // at a time without looking at single bytes; a quote anywhere: follow the quoting instead
                int words = (int) Math.min(n, Math.max(0, from - 1 - pos)) & ~7;
                for (; i < words; i += 8) {
                    long word = (long) LONGS.get(buffer, i);
                    if (zeros(word ^ QUOTE) != 0) {
                        return findQuotedSplit(path, from);
                    }
                    long lf = zeros(word ^ LF);
                    long cr = zeros(word ^ CR);
                    if ((lf | cr) != 0) {
                        records += Long.bitCount(lf) + Long.bitCount(cr) - Long.bitCount((cr << 8) & lf);
                        if ((lf & 0x80L) != 0 && lastCr == pos + i - 1) {
                            records--; // the LF of a CRLF whose CR ended the word before
                        }
                        if (cr < 0) {
                            lastCr = pos + i + 7;
                        }
                    }
                }
                while (i < n) {
                    if (i + 8 <= n) {
                        long word = (long) LONGS.get(buffer, i);
                        if (!hasByte(word, LF) && !hasByte(word, CR) && !hasByte(word, QUOTE)) {
                            i += 8;
                            continue;
                        }
                    }
                    int stop = Math.min(n, i + 8);
                    for (; i < stop; i++) {
                        byte b = buffer[i];
                        if (b == '\n') {
                            long at = pos + i;
                            if (lastCr != at - 1) {
                                records++;
                            }
                            if (at + 1 >= from) {
                                return new long[] {at + 1, records};
                            }
                        } else if (b == '\r') {
                            lastCr = pos + i;
                            records++;
                        } else if (b == '"') {
                            return findQuotedSplit(path, from);
                        }
                    }
                }
                pos += n;
            }
        }
        return null;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long LF = 0x0A0A0A0A0A0A0A0AL;
    private static final long CR = 0x0D0D0D0D0D0D0D0DL;
    private static final long QUOTE = 0x2222222222222222L;

    /** The high bit of each byte of {@code word} that is zero (exactly those; every other bit clear). */
    private static long zeros(long word) {
        long low7 = 0x7F7F7F7F7F7F7F7FL;
        return ~(((word & low7) + low7) | word | low7);
    }

    /** Whether any byte of {@code word} is the byte repeated in {@code pattern}. */
    private static boolean hasByte(long word, long pattern) {
        long v = word ^ pattern;
        return ((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) != 0;
    }

    /** {@link #findSplit} for a file with quotes: follows the quoting from the start. */
    private static long[] findQuotedSplit(Path path, long from) throws IOException {
        final int start = 0;
        final int unquoted = 1;
        final int quoted = 2;
        final int quoteSeen = 3;
        int state = start;
        long records = 0;
        long pos = 0;
        boolean afterCr = false;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (afterCr) {
                        afterCr = false;
                        if (b == '\n') {
                            if (pos + i + 1 >= from) {
                                return new long[] {pos + i + 1, records};
                            }
                            continue;
                        }
                    }
                    switch (state) {
                        case quoted -> {
                            if (b == '"') {
                                state = quoteSeen;
                            }
                        }
                        case quoteSeen -> {
                            if (b == '"') {
                                state = quoted;
                            } else if (b == ',') {
                                state = start;
                            } else if (b == '\r' || b == '\n') {
                                state = start;
                                records++;
                                if (b == '\r') {
                                    afterCr = true;
                                } else if (pos + i + 1 >= from) {
                                    return new long[] {pos + i + 1, records};
                                }
                            } else {
                                return null;
                            }
                        }
                        default -> {
                            if (b == '"') {
                                if (state == unquoted) {
                                    return null;
                                }
                                state = quoted;
                            } else if (b == ',') {
                                state = start;
                            } else if (b == '\r' || b == '\n') {
                                state = start;
                                records++;
                                if (b == '\r') {
                                    afterCr = true;
                                } else if (pos + i + 1 >= from) {
                                    return new long[] {pos + i + 1, records};
                                }
                            } else {
                                state = unquoted;
                            }
                        }
                    }
                }
                pos += n;
            }
        }
        return null;
    }

    /**
     * The bytes of a file up to a split that is known later: the bytes before {@code safe} are read at once, the
     * others once {@code end} is known (it is at least {@code safe}).
     */
    private static final class HeadInput extends InputStream {
        private final InputStream in;
        private final long safe;
        private final java.util.concurrent.CompletableFuture<Long> endFuture;
        private long end = -1;
        private long pos;

        HeadInput(InputStream in, long safe, java.util.concurrent.CompletableFuture<Long> end) {
            this.in = in;
            this.safe = safe;
            this.endFuture = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (end < 0) {
                if (pos < safe) {
                    len = (int) Math.min(len, safe - pos);
                } else {
                    try {
                        end = endFuture.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while splitting");
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IOException(e.getCause());
                    }
                }
            }
            if (end >= 0) {
                if (pos >= end) {
                    return -1;
                }
                len = (int) Math.min(len, end - pos);
            }
            int n = in.read(b, off, len);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Opens the bytes to read. */
    interface Opener {
        InputStream open() throws IOException;
    }

    private static StringArrayHandler handler(LedgerReader.Limits limits) {
        return StringArrayHandler.builder()
                .maxFields(limits.maxColumns())
                .maxFieldSize(limits.maxCellChars())
                .maxRecordSize(Math.max(limits.maxCellChars(), limits.maxRecordChars()))
                .build();
    }

    /** The strict UTF-8 decoder of the two-part reading (only UTF-8 files are read in two parts). */
    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Streams records into the sink. {@code rowOffset} is the number of records before the first one read (the rows
     * handed on are counted from there); with {@code header}, the first record read is the header.
     *
     * @return whether the file was read to its end without a problem about the file itself
     */
    private static boolean stream(Opener opener, Path path, String file, Cells.RowSink sink, Problems problems,
                                  LedgerReader.Limits limits, int rowOffset, boolean header,
                                  TextEncoding.Detected encoding) {
        CharsetDecoder decoder = encoding.decoder();
        StringArrayHandler handler = handler(limits);
        int row = rowOffset;
        String[] headerCells = null;
        Parser parser = new Parser(opener, path, decoder, handler, encoding.separator());
        parser.start();
        try {
            while (true) {
                Batch batch = parser.take();
                for (int i = 0; i < batch.count; i++) {
                    String[] record = batch.records[i];
                    batch.records[i] = null;
                    row++;
                    if (header && row == rowOffset + 1) {
                        if (record.length > 0) {
                            record[0] = record[0].replace("\uFEFF", "");
                        }
                        headerCells = record;
                        sink.header(row, record);
                    } else {
                        sink.row(row, record);
                    }
                }
                if (batch.last) {
                    if (batch.failure != null) {
                        rethrow(batch.failure);
                    }
                    break;
                }
            }
            if (header && row == rowOffset) {
                problems.add(file, 0, "", "noHeader");
                return false;
            }
            sink.end();
            return true;
        } catch (CsvParseException e) {
            StringBuilder all = new StringBuilder();
            for (Throwable t = e; t != null && all.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof UncheckedIOException || t instanceof IOException) {
                    report(t instanceof UncheckedIOException u ? u.getCause() : t, path, file, row, problems, encoding);
                    return false;
                }
                all.append(t.getMessage()).append(' ');
            }
            String message = all.toString();
            if (message.contains("max field size") || message.contains("max record size")) {
                Matcher m = FIELD_INDEX.matcher(message);
                String column = "";
                if (m.find()) {
                    int index = Integer.parseInt(m.group(1));
                    column = headerCells != null && index < headerCells.length && row >= 1 ? headerCells[index].trim()
                            : Cells.letters(index);
                }
                problems.add(file, row + 1, column, "cellTooLong", limits.maxCellChars());
            } else if (message.contains("maximum limit of") && message.contains("fields")) {
                problems.add(file, row + 1, "", "tooManyColumns", limits.maxColumns());
            } else {
                problems.add(file, row + 1, "", "badCsv", String.valueOf(e.getMessage()));
            }
            return false;
        } catch (UncheckedIOException e) {
            report(e.getCause(), path, file, row, problems, encoding);
            return false;
        } catch (IOException e) {
            report(e, path, file, row, problems, encoding);
            return false;
        } finally {
            parser.finish();
        }
    }

    /**
     * Waits until a stage has ended (and closed its file), whatever it threw, running {@code meanwhile} every second
     * (a stage stopped early may be waiting to hand on what it read); an interrupt is kept for the caller.
     */
    private static void awaitEnd(Future<?> stage, Runnable meanwhile) {
        boolean interrupted = false;
        while (true) {
            try {
                stage.get(1, TimeUnit.SECONDS);
                break;
            } catch (TimeoutException e) {
                meanwhile.run();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** Characters decoded ahead; the last chunk of a file may carry the failure that ended the decoding. */
    private record Chunk(char[] chars, int length, Throwable failure) {
    }

    /**
     * The UTF-8 decoding of a file in a thread of its own: an {@link InputStreamReader} with the strict decoder reads
     * the file into chunks that this reader hands on in order; after the last chunk it returns end of file, or throws
     * what ended the decoding, so its reader sees the same characters and the same failure as from the
     * {@link InputStreamReader} itself.
     */
    private static final class DecodedReader extends Reader {
        private final ArrayBlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        private final Future<?> decoding;
        private volatile boolean stopped;
        private Chunk chunk = new Chunk(new char[0], 0, null);
        private int at;
        private boolean done;

        DecodedReader(Opener opener, CharsetDecoder decoder) {
            decoding = STAGES.submit(() -> decode(opener, decoder));
        }

        private void decode(Opener opener, CharsetDecoder decoder) {
            Throwable failure = null;
            try (InputStream in = opener.open();
                 Reader reader = new InputStreamReader(in, decoder)) {
                while (true) {
                    char[] chars = new char[CHUNK_CHARS];
                    int n = reader.read(chars, 0, chars.length);
                    if (n < 0) {
                        break;
                    }
                    if (n > 0 && !put(new Chunk(chars, n, null))) {
                        return;
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
            put(new Chunk(null, -1, failure));
        }

        private boolean put(Chunk c) {
            try {
                while (!stopped) {
                    if (queue.offer(c, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (at >= chunk.length()) {
                if (done) {
                    return endOrFailure();
                }
                try {
                    chunk = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while decoding");
                }
                at = 0;
                if (chunk.length() < 0) {
                    done = true;
                    chunk = new Chunk(new char[0], 0, chunk.failure());
                    return endOrFailure();
                }
            }
            int n = Math.min(len, chunk.length() - at);
            System.arraycopy(chunk.chars(), at, cbuf, off, n);
            at += n;
            return n;
        }

        private int endOrFailure() throws IOException {
            Throwable failure = chunk.failure();
            if (failure == null) {
                return -1;
            }
            rethrow(failure);
            return -1;
        }

        @Override
        public void close() {
            stopped = true;
            queue.clear();
            awaitEnd(decoding, queue::clear);
        }
    }

    /** Records parsed ahead; the last batch of a file may carry the failure that ended the parsing. */
    private static final class Batch {
        final String[][] records = new String[BATCH][];
        int count;
        boolean last;
        Throwable failure;
    }

    /**
     * Parses the file (FastCSV over the {@link DecodedReader}) in a thread of its own, handing the records over in batches
     * through a small bounded queue, so that the reading thread only converts and checks. The records arrive in file
     * order, and a failure arrives after every record parsed before it, so the reading thread sees exactly what a
     * single-threaded reading would.
     */
    private static final class Parser implements Runnable {
        private final Opener opener;
        private final Path path;
        private final CharsetDecoder decoder;
        private final StringArrayHandler handler;
        private final char separator;
        private final ArrayBlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private volatile boolean stopped;
        private Future<?> parsing;

        Parser(Opener opener, Path path, CharsetDecoder decoder, StringArrayHandler handler, char separator) {
            this.opener = opener;
            this.path = path;
            this.decoder = decoder;
            this.handler = handler;
            this.separator = separator;
        }

        void start() {
            parsing = STAGES.submit(this);
        }

        @Override
        public void run() {
            Batch batch = new Batch();
            try (Reader reader = new DecodedReader(opener, decoder);
                 CsvReader<String[]> csv = CsvReader.builder()
                         .fieldSeparator(separator)
                         .skipEmptyLines(false)
                         .allowExtraFields(true)
                         .allowMissingFields(true)
                         .build(handler, reader);
                 CloseableIterator<String[]> records = csv.iterator()) {
                while (records.hasNext()) {
                    batch.records[batch.count++] = records.next();
                    if (batch.count == BATCH) {
                        if (!put(batch)) {
                            return;
                        }
                        batch = new Batch();
                    }
                }
            } catch (Throwable t) {
                batch.failure = t;
            }
            batch.last = true;
            put(batch);
        }

        private boolean put(Batch batch) {
            try {
                while (!stopped) {
                    if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        Batch take() throws IOException {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading " + path.getFileName());
            }
        }

        /** Stops the parsing (when the reading stopped early) and waits for it to close the file. */
        void finish() {
            stopped = true;
            queue.clear();
            awaitEnd(parsing, queue::clear);
        }
    }

    /**
     * The row of the first byte that does not decode: the records before that byte (decoded ahead, a failure can end
     * a reading before the record it is in was parsed), counted as the parser counts them, plus one.
     */
    private static int badRow(Path path, TextEncoding.Detected encoding) throws IOException {
        CharsetDecoder decoder = encoding.decoder();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(1 << 16);
        java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(1 << 16);
        long consumed = 0;
        try (InputStream in = encoding.open(path)) {
            boolean eof = false;
            while (true) {
                int n = eof ? -1 : in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                int start = bytes.position();
                java.nio.charset.CoderResult result = decoder.decode(bytes, chars, eof);
                consumed += bytes.position() - start;
                chars.clear();
                if (result.isError()) {
                    break;
                }
                if (eof && !result.isOverflow()) {
                    return 1;
                }
                bytes.compact();
            }
        }
        InputStream prefix = limited(encoding.open(path), consumed);
        int records = 0;
        try (Reader reader = new InputStreamReader(new java.io.SequenceInputStream(prefix,
                new java.io.ByteArrayInputStream("x".getBytes(encoding.charset()))), encoding.charset());
             CsvReader<String[]> csv = CsvReader.builder().fieldSeparator(encoding.separator())
                     .skipEmptyLines(false).allowExtraFields(true).allowMissingFields(true)
                     .build(StringArrayHandler.builder().build(), reader);
             CloseableIterator<String[]> it = csv.iterator()) {
            while (it.hasNext()) {
                it.next();
                records++;
            }
        }
        return records;
    }

    /** The first {@code length} bytes of a stream. */
    private static InputStream limited(InputStream in, long length) {
        return new java.io.FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                return left-- > 0 ? super.read() : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int got = super.read(b, off, (int) Math.min(len, left));
                left -= Math.max(got, 0);
                return got;
            }
        };
    }

    private static void report(Throwable e, Path path, String file, int row, Problems problems,
                               TextEncoding.Detected encoding) {
        if (e instanceof CharacterCodingException) {
            int at = row + 1;
            try {
                at = Math.max(at, badRow(path, encoding));
            } catch (IOException | RuntimeException again) {
                // the row the reading had reached stands
            }
            problems.add(file, at, "", "badEncoding", encoding.label());
        } else {
            problems.add(file, 0, "", "unreadable", String.valueOf(e.getMessage()));
        }
    }
}
