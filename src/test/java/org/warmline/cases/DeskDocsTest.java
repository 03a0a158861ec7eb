package org.warmline.cases;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/desk.md, the repository's account of the desk, names its settings as the code reads them: every
 * {@code warmline.*} key it mentions exists (in application.properties, as a {@code ${…}} placeholder, a
 * {@code @ConditionalOnProperty} or a component of a {@code @ConfigurationProperties} record), its settings table gives
 * the default the code has, and every setting of the desk's modules is in that table.
 */
class DeskDocsTest {

    /** The setting prefixes of the desk that docs/desk.md documents (the others are in the README). */
    private static final List<String> DESK = List.of("clocks", "escalation", "callbacks", "resolution", "cases",
            "clusters", "citizen", "attachments", "records", "assessment", "security");

    private static final Pattern KEY = Pattern.compile("(?<![\\w.])warmline\\.[a-z0-9.-]*[a-z0-9]");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(warmline\\.[a-z0-9.-]+)` \\| (`([^`]*)`|none) \\|");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(warmline\\.[a-z0-9.-]+)(?::([^}]*))?}");
    private static final Pattern CONDITION = Pattern.compile("@ConditionalOnProperty\\(name = \"(warmline\\.[a-z0-9.-]+)\"");
    private static final Pattern PROPERTIES_CLASS = Pattern.compile("@ConfigurationProperties\\(\"(warmline\\.[a-z0-9.-]+)\"\\)");

    @Test
    void everySettingOfTheDeskIsNamedWithItsDefault() throws Exception {
        String docs = Files.readString(Path.of("docs/desk.md"));
        Map<String, String> known = knownSettings();

        Set<String> named = new TreeSet<>();
        Matcher m = KEY.matcher(docs);
        while (m.find()) {
            named.add(m.group());
        }
        assertThat(named).as("settings named in docs/desk.md").isNotEmpty();
        for (String key : named) {
            assertThat(known).as("docs/desk.md names " + key).containsKey(key);
        }

        Map<String, String> table = new LinkedHashMap<>();
        Matcher row = ROW.matcher(docs);
        while (row.find()) {
            table.put(row.group(1), row.group(3));
        }
        for (Map.Entry<String, String> e : table.entrySet()) {
            String expected = known.get(e.getKey());
            if (expected != null) {
                assertThat(e.getValue()).as("default of " + e.getKey() + " in docs/desk.md").isEqualTo(expected);
            }
        }
        for (String key : known.keySet()) {
            String prefix = key.substring("warmline.".length(), key.indexOf('.', "warmline.".length()));
            if (DESK.contains(prefix)) {
                assertThat(table).as("docs/desk.md's settings table lists " + key).containsKey(key);
            }
        }
    }

    /** Every {@code warmline.*} setting the code reads, with its default where one is written down (else null). */
    private static Map<String, String> knownSettings() throws IOException, ClassNotFoundException {
        Map<String, String> known = new LinkedHashMap<>();
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        properties.stringPropertyNames().stream().filter(k -> k.startsWith("warmline."))
                .forEach(k -> known.put(k, properties.getProperty(k)));
        Path main = Path.of("src/main/java");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(main)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                // an empty default ("${key:}") is what the table calls none
                known.putIfAbsent(m.group(1), m.group(2) == null || m.group(2).isEmpty() ? null : m.group(2));
            }
            m = CONDITION.matcher(text);
            while (m.find()) {
                known.putIfAbsent(m.group(1), null);
            }
            m = PROPERTIES_CLASS.matcher(text);
            if (m.find()) {
                String name = main.relativize(source).toString().replace('/', '.').replace(".java", "");
                Class<?> type = Class.forName(name);
                String prefix = type.getAnnotation(ConfigurationProperties.class).value();
                assertThat(prefix).isEqualTo(m.group(1));
                if (type.isRecord()) {
                    for (RecordComponent component : type.getRecordComponents()) {
                        known.putIfAbsent(prefix + "." + kebab(component.getName()), null);
                    }
                }
            }
        }
        return known;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
