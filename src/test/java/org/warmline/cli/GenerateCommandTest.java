package org.warmline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.LedgerReader;
import org.warmline.ledger.LedgerReading;
import org.warmline.scheme.SchemeLoader;

/** The {@code generate} command: a readable, deterministic sample data set. */
class GenerateCommandTest {

    @TempDir
    Path tmp;

    static AssessCommandTest.Run generate(Path dir, String seed) {
        return AssessCommandTest.run("generate", "--cases", "500", "--seed", seed, "--year", "2026",
                "--out", dir.toString());
    }

    static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    @Test
    void writesAReadableDataSet() {
        Path dir = tmp.resolve("out");
        AssessCommandTest.Run run = generate(dir, "7");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("500");

        LedgerReading reading = new LedgerReader(SchemeLoader.defaultScheme(), Locale.ENGLISH).read(dir);
        DataSet data = reading.data();
        assertThat(data.cases()).hasSize(500);
        assertThat(data.cases()).extracting(c -> c.at(SUBMITTED_AT)).allSatisfy(t -> assertThat(t).isPositive());
        assertThat(data.units()).isNotEmpty();
        assertThat(data.staff()).isNotEmpty();
        assertThat(reading.warnings()).as("a generated data set has no unknown files or columns")
                .noneSatisfy(w -> assertThat(w).containsIgnoringCase("unknown"));

        AssessCommandTest.Run assess = AssessCommandTest.run("assess", "--data", dir.toString(), "--period", "2026",
                "--as-of", "2027-01-15T00:00");
        assertThat(assess.exit()).as(assess.err()).isZero();
        AssessCommandTest.assertAtMostTwoDecimals(assess.outBytes());
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDiffers() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        assertThat(generate(a, "7").exit()).isZero();
        assertThat(generate(b, "7").exit()).isZero();
        assertThat(generate(c, "8").exit()).isZero();

        Map<String, byte[]> first = files(a);
        Map<String, byte[]> second = files(b);
        assertThat(first.keySet()).contains("cases.csv", "units.csv", "staff.csv");
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));

        assertThat(files(c).get("cases.csv")).isNotEqualTo(first.get("cases.csv"));
    }

    @Test
    void badArgumentsExitTwo() {
        String out = tmp.resolve("bad").toString();
        List<String[]> bad = List.of(
                new String[]{"generate", "--cases", "abc", "--seed", "7", "--year", "2026", "--out", out},
                new String[]{"generate", "--cases", "0", "--seed", "7", "--year", "2026", "--out", out},
                new String[]{"generate", "--cases", "-5", "--seed", "7", "--year", "2026", "--out", out},
                new String[]{"generate", "--cases", "500", "--seed", "7", "--year", "2026"},
                new String[]{"generate", "--cases", "500", "--seed", "x", "--year", "2026", "--out", out},
                new String[]{"generate", "--cases", "500", "--seed", "7", "--year", "2026", "--out", out, "--colour",
                        "red"},
                new String[]{"generate", "--cases", "500", "--seed", "7", "--year", "2026", "--out"});
        for (String[] args : bad) {
            AssessCommandTest.Run run = AssessCommandTest.run(args);
            AssessCommandTest.assertBadInput(run);
        }
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    @Test
    void outThatCannotBeWrittenExitsTwo() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "not a folder");
        AssessCommandTest.Run run = AssessCommandTest.run("generate", "--cases", "5", "--seed", "7", "--year", "2026",
                "--out", file.toString(), "--lang", "en");
        AssessCommandTest.assertBadInput(run);
        assertThat(run.err()).contains(file.toString()).contains("a folder is needed");
    }
}
