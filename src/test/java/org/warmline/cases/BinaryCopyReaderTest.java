package org.warmline.cases;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.warmline.persistence.Databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.warmline.ledger.Instants.NONE;

/**
 * The decoder of PostgreSQL's binary COPY behind the live assessment's lean read: values from a real PostgreSQL equal
 * what the driver gives for the same rows (instants before 2000, sub-millisecond instants, NULLs, long and non-ASCII
 * texts), and malformed data is an error, never a value.
 */
class BinaryCopyReaderTest {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    @Test
    void decodesWhatPostgresSendsAsTheDriverReadsIt() throws Exception {
        DataSource ds = Databases.postgres();
        String longText = "长".repeat(40_000) + "x"; // 120,001 bytes: more than the reader's buffer
        List<Object[]> rows = List.of(
                new Object[] {1, "供热站", true, OffsetDateTime.parse("2026-01-31T23:59:59.999999+08:00")},
                new Object[] {2, null, false, OffsetDateTime.parse("1999-12-31T23:59:59.000500Z")},
                new Object[] {3, "", null, null},
                new Object[] {null, longText, true, OffsetDateTime.parse("1969-07-20T20:17:40.123456Z")},
                new Object[] {5, "a\tb\nc\\d'e\"", true, OffsetDateTime.parse("2000-01-01T00:00:00Z")});
        try (Connection connection = ds.getConnection()) {
            JdbcClient same = JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                    connection, true));
            same.sql("create temporary table copy_probe (k int4, n int4, t text, b boolean, at timestamptz)")
                    .update();
            int k = 0;
            for (Object[] row : rows) {
                same.sql("insert into copy_probe values (?, ?, ?, ?, ?)").params(k++, row[0], row[1], row[2], row[3])
                        .update();
            }
            List<String> viaDriver = same.sql("select n, t, b, at from copy_probe order by k")
                    .query((rs, i) -> {
                        OffsetDateTime at = rs.getObject(4, OffsetDateTime.class);
                        return rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getBoolean(3) + "|"
                                + (at == null ? NONE : at.toInstant().toEpochMilli());
                    }).list();

            List<String> viaCopy = new ArrayList<>();
            try (var in = new PGCopyInputStream(connection.unwrap(PGConnection.class),
                    "copy (select n, t, b, at from copy_probe order by k) to stdout (format binary)")) {
                BinaryCopyReader copy = new BinaryCopyReader(in);
                while (copy.next(4)) {
                    viaCopy.add(copy.int4() + "|" + copy.text() + "|" + copy.bool() + "|" + copy.instantMillis());
                }
            }
            assertThat(viaCopy).isEqualTo(viaDriver).hasSize(rows.size());
            assertThat(viaCopy.get(0)).endsWith("|" + Instant.parse("2026-01-31T15:59:59.999Z").toEpochMilli());
            assertThat(viaCopy.get(3)).contains(longText);
        }
    }

    @Test
    void refusesDataThatIsNotBinaryCopy() {
        assertThatThrownBy(() -> new BinaryCopyReader(new ByteArrayInputStream("case_no,channel\n".getBytes(
                StandardCharsets.UTF_8)))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new BinaryCopyReader(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesRowsThatDoNotMatchWhatIsRead() throws Exception {
        // a row of 2 fields where 3 are expected
        BinaryCopyReader twoFields = new BinaryCopyReader(stream(out -> {
            out.writeShort(2);
            out.writeInt(1);
            out.writeByte(1);
            out.writeInt(-1);
            out.writeShort(-1);
        }));
        assertThatThrownBy(() -> twoFields.next(3)).isInstanceOf(IOException.class).hasMessageContaining("2 fields");

        // a 4-byte field read as a timestamp
        BinaryCopyReader narrow = new BinaryCopyReader(stream(out -> {
            out.writeShort(1);
            out.writeInt(4);
            out.writeInt(42);
        }));
        assertThat(narrow.next(1)).isTrue();
        assertThatThrownBy(narrow::instantMillis).isInstanceOf(IOException.class).hasMessageContaining("4 bytes");

        // data ending in the middle of a field
        BinaryCopyReader cut = new BinaryCopyReader(stream(out -> {
            out.writeShort(1);
            out.writeInt(10);
            out.write("abc".getBytes(StandardCharsets.UTF_8));
        }));
        assertThat(cut.next(1)).isTrue();
        assertThatThrownBy(cut::text).isInstanceOf(IOException.class).hasMessageContaining("ends");

        // more fields read than the row has, and a row left half read
        BinaryCopyReader one = new BinaryCopyReader(stream(out -> {
            out.writeShort(1);
            out.writeInt(-1);
            out.writeShort(1);
            out.writeInt(-1);
            out.writeShort(-1);
        }));
        assertThat(one.next(1)).isTrue();
        assertThat(one.text()).isNull();
        assertThatThrownBy(one::text).isInstanceOf(IOException.class);
        assertThat(one.next(1)).isTrue();
        assertThatThrownBy(() -> one.next(1)).isInstanceOf(IOException.class).hasMessageContaining("previous row");
    }

    @Test
    void nullsReadAsTheDriverReadsThem() throws Exception {
        BinaryCopyReader nulls = new BinaryCopyReader(stream(out -> {
            out.writeShort(4);
            for (int i = 0; i < 4; i++) {
                out.writeInt(-1);
            }
            out.writeShort(-1);
        }));
        assertThat(nulls.next(4)).isTrue();
        assertThat(nulls.text()).isNull();
        assertThat(nulls.bool()).isFalse();
        assertThat(nulls.int4()).isZero();
        assertThat(nulls.instantMillis()).isEqualTo(NONE);
        assertThat(nulls.next(4)).isFalse();
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** A binary COPY stream: the header (no flags, an extension of 3 bytes to skip), then the body. */
    private static ByteArrayInputStream stream(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(3);
        out.write(new byte[] {9, 9, 9});
        body.write(out);
        out.flush();
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
