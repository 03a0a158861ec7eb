package org.warmline.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmline.cli.WarmlineCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example ledger of {@code examples/ledger} assessed by the command gives exactly the checked-in results in
 * {@code examples/expected} (scores, rules, points and references; the wording of reasons may change, but every entry
 * must have one). The expected results were checked by hand where the examples README says so.
 */
class ExamplesTest {

    static Stream<Arguments> periods() {
        return Stream.of(
                Arguments.of("2026-01", "2026-02-05T00:00"),
                Arguments.of("2026-Q1", "2026-04-15T00:00"),
                Arguments.of("2026", "2027-01-15T00:00"));
    }

    @ParameterizedTest(name = "{0} as of {1}")
    @MethodSource("periods")
    void assessingTheExampleGivesTheExpectedResult(String period, String asOf) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = WarmlineCommand.run(new String[] {"assess", "--data", "examples/ledger", "--period", period,
                "--as-of", asOf}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

        JsonMapper mapper = JsonMapper.builder().build();
        JsonNode actual = mapper.readTree(out.toByteArray());
        JsonNode expected = mapper.readTree(Files.readString(Path.of("examples/expected/" + period + ".json")));
        assertThat(actual.findValues("reason")).allSatisfy(reason -> assertThat(reason.asString()).isNotBlank());
        assertThat(withoutReasons(actual)).isEqualTo(withoutReasons(expected));
    }

    private static JsonNode withoutReasons(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("reason");
            object.remove("warnings");
        }
        for (JsonNode child : node) {
            strip(child);
        }
    }
}
