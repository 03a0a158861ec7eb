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
import java.util.concurrent.TimeUnit;
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

    static void read(Path path, String file, Cells.RowSink sink, Problems problems, LedgerReader.Limits limits) {
        try {
            long size = Files.size(path);
            if (size > limits.maxFileBytes()) {
                problems.add(file, 0, "", "fileTooLarge", limits.maxFileBytes() / (1024 * 1024));
                return;
            }
            if (!looksLikeText(path)) {
                problems.add(file, 0, "", "notCsv");
                return;
            }
        } catch (IOException e) {
            problems.add(file, 0, "", "unreadable", e.getMessage());
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringArrayHandler handler = StringArrayHandler.builder()
                .maxFields(limits.maxColumns())
                .maxFieldSize(limits.maxCellChars())
                .maxRecordSize(Math.max(limits.maxCellChars(), limits.maxRecordChars()))
                .build();
        int row = 0;
        String[] header = null;
        Parser parser = new Parser(path, decoder, handler);
        parser.start();
        try {
            while (true) {
                Batch batch = parser.take();
                for (int i = 0; i < batch.count; i++) {
                    String[] record = batch.records[i];
                    batch.records[i] = null;
                    row++;
                    if (row == 1) {
                        if (record.length > 0) {
                            record[0] = record[0].replace("\uFEFF", "");
                        }
                        header = record;
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
            if (row == 0) {
                problems.add(file, 0, "", "noHeader");
            }
        } catch (CsvParseException e) {
            StringBuilder all = new StringBuilder();
            for (Throwable t = e; t != null && all.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof UncheckedIOException || t instanceof IOException) {
                    report(t instanceof UncheckedIOException u ? u.getCause() : t, file, row, problems);
                    return;
                }
                all.append(t.getMessage()).append(' ');
            }
            String message = all.toString();
            if (message.contains("max field size") || message.contains("max record size")) {
                Matcher m = FIELD_INDEX.matcher(message);
                String column = "";
                if (m.find()) {
                    int index = Integer.parseInt(m.group(1));
                    column = header != null && index < header.length && row >= 1 ? header[index].trim()
                            : Cells.letters(index);
                }
                problems.add(file, row + 1, column, "cellTooLong", limits.maxCellChars());
            } else if (message.contains("maximum limit of") && message.contains("fields")) {
                problems.add(file, row + 1, "", "tooManyColumns", limits.maxColumns());
            } else {
                problems.add(file, row + 1, "", "badCsv", String.valueOf(e.getMessage()));
            }
        } catch (UncheckedIOException e) {
            report(e.getCause(), file, row, problems);
        } catch (IOException e) {
            report(e, file, row, problems);
        } finally {
            parser.finish();
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
        private final Thread thread;
        private volatile boolean stopped;
        private Chunk chunk = new Chunk(new char[0], 0, null);
        private int at;
        private boolean done;

        DecodedReader(Path path, CharsetDecoder decoder) {
            thread = new Thread(() -> decode(path, decoder), "csv-decoder");
            thread.setDaemon(true);
            thread.start();
        }

        private void decode(Path path, CharsetDecoder decoder) {
            Throwable failure = null;
            try (InputStream in = Files.newInputStream(path);
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
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                queue.clear();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
    private static final class Parser extends Thread {
        private final Path path;
        private final CharsetDecoder decoder;
        private final StringArrayHandler handler;
        private final ArrayBlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private volatile boolean stopped;

        Parser(Path path, CharsetDecoder decoder, StringArrayHandler handler) {
            super("csv-parser");
            setDaemon(true);
            this.path = path;
            this.decoder = decoder;
            this.handler = handler;
        }

        @Override
        public void run() {
            Batch batch = new Batch();
            try (Reader reader = new DecodedReader(path, decoder);
                 CsvReader<String[]> csv = CsvReader.builder()
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

        /** Stops the parsing (when the reading stopped early) and waits for the thread to close the file. */
        void finish() {
            stopped = true;
            queue.clear();
            boolean interrupted = false;
            while (isAlive()) {
                try {
                    join(1000);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                queue.clear();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void report(Throwable e, String file, int row, Problems problems) {
        if (e instanceof CharacterCodingException) {
            problems.add(file, row + 1, "", "notUtf8");
        } else {
            problems.add(file, 0, "", "unreadable", String.valueOf(e.getMessage()));
        }
    }

    /** Rejects binary files early: a NUL byte in the first 8 KB, or the signature of a zip or an OLE2 (.xls) file. */
    private static boolean looksLikeText(Path path) throws IOException {
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return false;
        }
        if (n >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && head[2] == 0x11
                && (head[3] & 0xFF) == 0xE0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
