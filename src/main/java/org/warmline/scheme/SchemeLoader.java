package org.warmline.scheme;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads and validates a scheme file (YAML, or JSON by the {@code .json} ending). Every problem is reported at once as
 * {@code FILE: setting: message}; a scheme that loads is complete and consistent.
 */
public final class SchemeLoader {

    /** The resource name of the built-in default scheme. */
    public static final String DEFAULT_RESOURCE = "default-scheme.yaml";

    private static final long MAX_FILE_BYTES = 1_000_000;
    private static final Set<String> HANDLING_CLASSES = Set.of("CONSULTATION", "COMPLAINT", "COMPLEX", "SUGGESTION");
    private static final Set<String> LEVELS = Set.of("SATISFIED", "BASIC", "UNSATISFIED");

    private SchemeLoader() {
    }

    /** The built-in default scheme. */
    public static Scheme defaultScheme() {
        try (InputStream in = SchemeLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default scheme is missing from the application");
            }
            return read(in, DEFAULT_RESOURCE, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default scheme", e);
        }
    }

    /** Loads a scheme file. */
    public static Scheme load(Path file) {
        String name = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new SchemeException(List.of(name + ": no such file"));
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new SchemeException(List.of(name + ": a scheme file is at most 1 MB"));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, name, name.toLowerCase().endsWith(".json"));
            }
        } catch (IOException e) {
            throw new SchemeException(List.of(name + ": cannot be read (" + e.getMessage() + ")"));
        }
    }

    /** Reads and validates a scheme from a stream. */
    public static Scheme read(InputStream in, String name, boolean json) {
        ObjectMapper mapper = (json ? JsonMapper.builder() : YAMLMapper.builder())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        Scheme scheme;
        try {
            scheme = mapper.readValue(in, Scheme.class);
        } catch (JacksonException e) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference ref : e.getPath()) {
                if (ref.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            String message = e.getOriginalMessage();
            int cut = message.indexOf(" (set `");
            throw new SchemeException(List.of(name + ": " + (path.isEmpty() ? "" : path + ": ")
                    + (cut > 0 ? message.substring(0, cut) : message)));
        }
        List<String> problems = new ArrayList<>();
        if (scheme == null) {
            problems.add(name + ": the file is empty");
        } else {
            validate(scheme, name, problems);
        }
        if (!problems.isEmpty()) {
            throw new SchemeException(problems);
        }
        return scheme;
    }

    private static void validate(Scheme scheme, String file, List<String> problems) {
        requireAll(scheme, "", file, problems);
        if (!problems.isEmpty()) {
            return;
        }
        try {
            ZoneId.of(scheme.zone());
        } catch (DateTimeException e) {
            problems.add(file + ": zone: unknown time zone " + scheme.zone());
        }
        if (!Set.of(1, 4, 7, 10).contains(scheme.yearStartMonth())) {
            problems.add(file + ": yearStartMonth: must be 1, 4, 7 or 10 so that a year holds four whole quarters");
        }
        if (scheme.rounding().scale() < 0 || scheme.rounding().scale() > 6) {
            problems.add(file + ": rounding.scale: must be between 0 and 6");
        }
        if (scheme.grades().isEmpty()) {
            problems.add(file + ": grades: at least one grade is needed");
        }
        for (int i = 1; i < scheme.grades().size(); i++) {
            if (scheme.grades().get(i).min().compareTo(scheme.grades().get(i - 1).min()) >= 0) {
                problems.add(file + ": grades[" + i + "].min: grades go from the highest minimum down");
            }
        }
        EnumSet<SubjectKind> missing = EnumSet.allOf(SubjectKind.class);
        missing.removeAll(scheme.subjects().keySet());
        for (SubjectKind kind : missing) {
            problems.add(file + ": subjects." + kind + ": missing");
        }
        scheme.subjects().forEach((kind, settings) -> {
            for (String item : settings.items()) {
                if (ItemCode.ofCode(item) == null) {
                    problems.add(file + ": subjects." + kind + ".items: unknown item " + item);
                }
            }
        });
        for (ItemCode item : ItemCode.values()) {
            Scheme.Limits limits = scheme.items().limits(item);
            nonNegative(limits.max(), file, "items." + item.code() + ".max", problems);
            nonNegative(limits.cap(), file, "items." + item.code() + ".cap", problems);
        }
        Scheme.Items items = scheme.items();
        positive(items.ledger().recordingAllowance(), file, "items.basic.ledger.recordingAllowance", problems);
        positive(items.equipment().backupAllowance(), file, "items.basic.equipment.backupAllowance", problems);
        positive(items.response().acceptance().step(), file, "items.handling.response.acceptance.step", problems);
        positive(items.response().contact().step(), file, "items.handling.response.contact.step", problems);
        nonNegative(items.response().acceptance().allowance(), file, "items.handling.response.acceptance.allowance", problems);
        nonNegative(items.response().contact().allowance(), file, "items.handling.response.contact.allowance", problems);
        positive(items.repeat().window(), file, "items.handling.repeat.window", problems);
        nonNegative(items.dissatisfied().reviewAllowance(), file, "items.satisfaction.dissatisfied.reviewAllowance", problems);
        items.timeliness().deadlines().forEach((cls, deadline) -> {
            String at = "items.handling.timeliness.deadlines." + cls;
            if (!HANDLING_CLASSES.contains(cls)) {
                problems.add(file + ": " + at + ": unknown handling class (CONSULTATION, COMPLAINT, COMPLEX, SUGGESTION)");
            }
            if (deadline == null || (deadline.hours() == null) == (deadline.workingDays() == null)) {
                problems.add(file + ": " + at + ": give exactly one of hours or workingDays");
            } else if ((deadline.hours() != null && deadline.hours() < 0)
                    || (deadline.workingDays() != null && deadline.workingDays() < 0)) {
                problems.add(file + ": " + at + ": must not be negative");
            }
        });
        List<Scheme.Band> bands = items.timeliness().bands();
        if (bands.isEmpty() || bands.get(bands.size() - 1).upTo() != null) {
            problems.add(file + ": items.handling.timeliness.bands: the last band has no upTo and takes the rest");
        }
        for (int i = 0; i < bands.size(); i++) {
            Scheme.Band band = bands.get(i);
            String at = "items.handling.timeliness.bands[" + i + "]";
            if (band.points() == null) {
                problems.add(file + ": " + at + ".points: missing");
            }
            if (i < bands.size() - 1 && band.upTo() == null) {
                problems.add(file + ": " + at + ".upTo: only the last band may leave it out");
            }
            if (i > 0 && band.upTo() != null && bands.get(i - 1).upTo() != null
                    && band.upTo().compareTo(bands.get(i - 1).upTo()) < 0) {
                problems.add(file + ": " + at + ".upTo: bands go from the smallest bound up");
            }
        }
        Map<String, BigDecimal> weights = items.result().weights();
        if (!weights.keySet().equals(LEVELS)) {
            problems.add(file + ": items.satisfaction.result.weights: give SATISFIED, BASIC and UNSATISFIED");
        }
        if (items.result().step().signum() <= 0) {
            problems.add(file + ": items.satisfaction.result.step: must be more than 0");
        }
    }

    private static void nonNegative(BigDecimal value, String file, String at, List<String> problems) {
        if (value.signum() < 0) {
            problems.add(file + ": " + at + ": must not be negative");
        }
    }

    private static void nonNegative(Duration value, String file, String at, List<String> problems) {
        if (value.isNegative()) {
            problems.add(file + ": " + at + ": must not be negative");
        }
    }

    private static void positive(Duration value, String file, String at, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(file + ": " + at + ": must be more than zero");
        }
    }

    /** Reports every missing setting, walking the records (a band's upTo and a deadline's parts may be left out). */
    private static void requireAll(Object value, String path, String file, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object child;
                try {
                    child = component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                String childPath = path.isEmpty() ? jsonName(component) : path + "." + jsonName(component);
                boolean optional = (record instanceof Scheme.Band && !component.getName().equals("points"))
                        || record instanceof Scheme.Deadline;
                if (child == null && !optional) {
                    problems.add(file + ": " + childPath + ": missing");
                } else {
                    requireAll(child, childPath, file, problems);
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> requireAll(v, path + "." + k, file, problems));
        } else if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                requireAll(element, path + "[" + i++ + "]", file, problems);
            }
        }
    }

    private static String jsonName(RecordComponent component) {
        com.fasterxml.jackson.annotation.JsonProperty property =
                component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return property != null ? property.value() : component.getName();
    }
}
