package org.warmline.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/ledger.md, the repository's account of the ledger, names every table and every column as the reader reads
 * them: the English and Chinese table names, each column's English and Chinese header, and which columns are required
 * (in bold); and every code of every enumeration with its Chinese name.
 */
class LedgerDocsTest {

    @Test
    void everyTableAndColumnIsDocumentedAsTheReaderReadsIt() throws IOException {
        String docs = Files.readString(Path.of("docs/ledger.md"));
        for (LedgerTable table : LedgerTable.values()) {
            String heading = "### " + table.english + " (" + table.chinese + ")";
            assertThat(docs).as(table.english).contains(heading);
            int start = docs.indexOf(heading);
            int end = docs.indexOf("\n### ", start + 1);
            String section = docs.substring(start, end < 0 ? docs.indexOf("\n## ", start) : end);
            for (LedgerTable.Column column : table.columns) {
                String name = column.required() ? "**`" + column.english() + "`**" : "`" + column.english() + "`";
                assertThat(section).as(table.english + "." + column.english())
                        .contains("| " + name + " | " + column.chinese() + " |");
            }
        }
        for (Class<? extends Coded> type : java.util.List.of(Channel.class, Category.class, Topic.class,
                EvaluationLevel.class, EvaluationChannel.class, ReviewFinding.class, UnitKind.class, Post.class)) {
            for (Coded value : type.getEnumConstants()) {
                assertThat(docs).as(value.name()).contains("`" + value.name() + "` " + value.chinese());
            }
        }
    }
}
