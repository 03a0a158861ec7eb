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
 * parsing runs in a second thread, a few thousand records ahead of the conversion (see {@link Parser}).
 */
final class CsvSource {

    /** Records per batch handed from the parsing thread to the reading thread. */
    private static final int BATCH = 1024;
    /** Batches parsed ahead at most. */
    private static final int QUEUED_BATCHES = 16;
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

    /** Records parsed ahead; the last batch of a file may carry the failure that ended the parsing. */
    private static final class Batch {
        final String[][] records = new String[BATCH][];
        int count;
        boolean last;
        Throwable failure;
    }

    /**
     * Parses the file in a thread of its own (FastCSV and the UTF-8 decoding), handing the records over in batches
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
            try (InputStream in = Files.newInputStream(path);
                 Reader reader = new InputStreamReader(in, decoder);
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
