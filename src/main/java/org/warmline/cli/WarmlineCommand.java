package org.warmline.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

import org.warmline.ledger.Instants;
import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.ResultJson;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.LedgerException;
import org.warmline.ledger.LedgerProblem;
import org.warmline.ledger.LedgerReader;
import org.warmline.ledger.LedgerReading;
import org.warmline.reporting.HtmlReport;
import org.warmline.reporting.XlsxReport;
import org.warmline.sampledata.DataSetGenerator;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeException;
import org.warmline.scheme.SchemeLoader;

/**
 * The command line: {@code assess} and {@code generate}. Exit status 0 with a result, 2 for bad input or bad
 * arguments (the problems on standard error), 1 for anything else. Never prints a stack trace.
 */
public final class WarmlineCommand {

    private static final Set<String> COMMANDS = Set.of("assess", "generate", "bench", "help", "--help", "-h");
    private static final Set<String> ASSESS_OPTIONS =
            Set.of("--data", "--period", "--as-of", "--scheme", "--format", "--out", "--lang");
    private static final Set<String> GENERATE_OPTIONS = Set.of("--cases", "--seed", "--year", "--out", "--lang");

    private WarmlineCommand() {
    }

    public static boolean isCommand(String word) {
        return COMMANDS.contains(word);
    }

    /** Bad arguments or bad input: exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Runs a command and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Messages messages = new Messages(languageOf(args));
        try {
            return switch (args[0]) {
                case "assess" -> assess(options(args, ASSESS_OPTIONS, messages), out, err, messages);
                case "generate" -> generate(options(args, GENERATE_OPTIONS, messages), out, messages);
                case "bench" -> Benchmark.run(args, out, err);
                default -> {
                    out.println(messages.text("usage"));
                    yield 0;
                }
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(messages.text("usage"));
            return 2;
        } catch (LedgerException e) {
            err.println(messages.text("problems", e.problems().size()));
            for (LedgerProblem problem : e.problems()) {
                err.println(problem);
            }
            return 2;
        } catch (SchemeException e) {
            err.println(messages.text("scheme-problems"));
            e.problems().forEach(err::println);
            return 2;
        } catch (OutOfMemoryError e) {
            err.println(messages.text("error.internal", "out of memory; run with a larger -Xmx"));
            return 1;
        } catch (RuntimeException e) {
            err.println(messages.text("error.internal", e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
            return 1;
        }
    }

    private static int assess(Map<String, String> options, PrintStream out, PrintStream err, Messages messages) {
        String data = required(options, "--data", messages);
        String periodText = required(options, "--period", messages);
        String format = options.getOrDefault("--format", "json").toLowerCase(Locale.ROOT);
        if (!Set.of("json", "xlsx", "html").contains(format)) {
            throw new UsageException(messages.text("error.format", format));
        }
        String outFile = options.get("--out");
        if (!format.equals("json") && outFile == null) {
            throw new UsageException(messages.text("error.out-required", format));
        }
        Scheme scheme = options.containsKey("--scheme") ? SchemeLoader.load(Path.of(options.get("--scheme")))
                : SchemeLoader.defaultScheme();
        ZoneId zone = ZoneId.of(scheme.zone());
        Period period;
        try {
            period = Period.parse(periodText, scheme.yearStartMonth());
        } catch (IllegalArgumentException e) {
            throw new UsageException(messages.text("error.period", periodText));
        }
        Instant asOf = options.containsKey("--as-of") ? parseInstant(options.get("--as-of"), zone, messages)
                : Instant.now();
        Path dataPath = Path.of(data);
        if (!Files.exists(dataPath)) {
            throw new UsageException(messages.text("error.no-data", data));
        }
        LedgerReading reading = new LedgerReader(scheme, messages.locale).read(dataPath);
        AssessmentEngine engine = new AssessmentEngine(scheme, WorkingCalendar.shipped(zone), messages.locale);
        AssessmentResult computed = engine.assess(reading.data(), period, asOf);
        List<String> warnings = new java.util.ArrayList<>(reading.warnings());
        warnings.addAll(computed.warnings());
        AssessmentResult result = new AssessmentResult(computed.period(), computed.asOf(), computed.scheme(),
                List.copyOf(warnings), computed.subjects());
        write(result, format, outFile, out, messages);
        if (outFile != null) {
            err.println(messages.text("written", outFile));
        }
        return 0;
    }

    private static void write(AssessmentResult result, String format, String outFile, PrintStream out,
                              Messages messages) {
        try {
            OutputStream target = outFile == null ? new NonClosing(out)
                    : new BufferedOutputStream(Files.newOutputStream(Path.of(outFile)), 1 << 16);
            try (target) {
                switch (format) {
                    case "xlsx" -> XlsxReport.write(result, target, messages.locale);
                    case "html" -> {
                        Writer writer = new OutputStreamWriter(target, StandardCharsets.UTF_8);
                        HtmlReport.write(result, writer, messages.locale);
                        writer.flush();
                    }
                    default -> {
                        ResultJson.write(result, target, true);
                        target.write('\n');
                    }
                }
            }
        } catch (IOException e) {
            throw new UsageException(messages.text("error.output", outFile == null ? "-" : outFile,
                    ioReason(e, messages)));
        }
    }

    private static int generate(Map<String, String> options, PrintStream out, Messages messages) {
        int cases = number(options, "--cases", messages);
        long seed = number(options, "--seed", messages);
        int year = number(options, "--year", messages);
        String dir = required(options, "--out", messages);
        if (cases < 1) {
            throw new UsageException(messages.text("error.cases"));
        }
        Scheme scheme = SchemeLoader.defaultScheme();
        try {
            new DataSetGenerator(seed, year, ZoneId.of(scheme.zone())).writeCsvFolder(cases, Path.of(dir));
        } catch (RuntimeException e) {
            throw new UsageException(messages.text("error.output", dir, ioReason(e, messages)));
        }
        out.println(messages.text("generated", cases, dir));
        return 0;
    }

    /** Why a file could not be written, without exception class names (an UncheckedIOException's message is one). */
    static String ioReason(Throwable e, Messages messages) {
        Throwable cause = e instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (cause instanceof java.nio.file.NoSuchFileException) {
            return messages.text("io.no-such-file");
        } else if (cause instanceof java.nio.file.FileAlreadyExistsException) {
            return messages.text("io.exists");
        } else if (cause instanceof java.nio.file.AccessDeniedException) {
            return messages.text("io.denied");
        } else if (cause instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return cause.getMessage() == null ? messages.text("io.failed") : cause.getMessage();
    }

    private static int number(Map<String, String> options, String name, Messages messages) {
        String value = required(options, name, messages);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(messages.text("error.number", name, value));
        }
    }

    static Instant parseInstant(String text, ZoneId zone, Messages messages) {
        try {
            return Instants.parse(text, zone);
        } catch (DateTimeParseException e) {
            throw new UsageException(messages.text("error.as-of", text));
        }
    }

    private static String required(Map<String, String> options, String name, Messages messages) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(messages.text("error.required", name));
        }
        return value;
    }

    private static Map<String, String> options(String[] args, Set<String> allowed, Messages messages) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!allowed.contains(name)) {
                throw new UsageException(messages.text("error.unknown-option", arg));
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(messages.text("error.missing-value", name));
                }
                value = args[++i];
            }
            options.put(name, value);
        }
        String lang = options.get("--lang");
        if (lang != null && !Set.of("zh", "en").contains(lang.toLowerCase(Locale.ROOT))) {
            throw new UsageException(messages.text("error.lang", lang));
        }
        return options;
    }

    private static Locale languageOf(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String lang = null;
            if (args[i].equals("--lang") && i + 1 < args.length) {
                lang = args[i + 1];
            } else if (args[i].startsWith("--lang=")) {
                lang = args[i].substring("--lang=".length());
            }
            if (lang != null && lang.equalsIgnoreCase("en")) {
                return Locale.ENGLISH;
            }
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    /** The command's texts in the chosen language. */
    static final class Messages {
        final Locale locale;
        private final ResourceBundle bundle;

        Messages(Locale locale) {
            this.locale = locale;
            this.bundle = ResourceBundle.getBundle("org.warmline.cli.cli",
                    locale.getLanguage().equals("en") ? Locale.ROOT : Locale.CHINESE,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        }

        String text(String key, Object... args) {
            String pattern = bundle.getString(key);
            Object[] texts = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                texts[i] = String.valueOf(args[i]);
            }
            return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(texts);
        }
    }

    /** Standard output that a try-with-resources only flushes. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
