package org.warmline.ledger;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the reader keeps a million cases: a {@link ChunkList}, and the first row of each case number. */
class CaseStorageTest {

    @Test
    void theCaseListIsAListOfWhatWasAppendedInOrderAcrossChunksAndThenUnmodifiable() {
        ChunkList<CaseRecord> first = new ChunkList<>();
        ChunkList<CaseRecord> second = new ChunkList<>();
        List<CaseRecord> expected = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            CaseRecord c = CaseRecord.builder().set(CaseColumn.CASE_NO, "C" + i).row(i + 2).build();
            (i < 4_100 ? first : second).append(c);
            expected.add(c);
        }
        first.appendAll(second);
        assertThat(first).hasSize(10_000).isEqualTo(expected);
        assertThat(first.get(4_095).caseNo()).isEqualTo("C4095");
        assertThat(first.get(4_096).caseNo()).isEqualTo("C4096");
        assertThatThrownBy(() -> first.get(10_000)).isInstanceOf(IndexOutOfBoundsException.class);

        DataSet data = new DataSet(List.of(), List.of(), first.frozen(), List.of(), List.of(), List.of(), List.of(),
                List.of());
        assertThat(data.cases()).isSameAs(first); // not copied again
        assertThatThrownBy(() -> first.append(expected.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> data.cases().add(expected.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> data.cases().set(0, expected.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aListStillBeingAppendedToIsCopiedIntoADataSet() {
        ChunkList<CaseRecord> open = new ChunkList<>();
        open.append(CaseRecord.builder().set(CaseColumn.CASE_NO, "C1").build());
        DataSet data = new DataSet(List.of(), List.of(), open, List.of(), List.of(), List.of(), List.of(), List.of());
        open.append(CaseRecord.builder().set(CaseColumn.CASE_NO, "C2").build());
        assertThat(data.cases()).hasSize(1);
    }

    @Test
    void aRecordWithItsInstantsInABlockIsTheRecordWithAnArrayOfItsOwn() {
        CaseRecord.InstantBlocks blocks = new CaseRecord.InstantBlocks();
        List<CaseRecord> stored = new ArrayList<>();
        List<CaseRecord> own = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // several blocks, growing
            java.time.Instant submitted = java.time.Instant.ofEpochSecond(1_767_000_000L + i * 60L);
            stored.add(CaseRecord.builder(blocks).set(CaseColumn.CASE_NO, "C" + i)
                    .set(CaseColumn.SUBMITTED_AT, submitted).at(CaseColumn.EXPLAINED_AT, i).row(i + 2)
                    .build(blocks));
            own.add(CaseRecord.builder().set(CaseColumn.CASE_NO, "C" + i).set(CaseColumn.SUBMITTED_AT, submitted)
                    .at(CaseColumn.EXPLAINED_AT, i).row(i + 2).build());
        }
        assertThat(stored).isEqualTo(own);
        for (int i = 0; i < own.size(); i += 499) {
            CaseRecord s = stored.get(i);
            assertThat(s.hashCode()).isEqualTo(own.get(i).hashCode());
            assertThat(s.at(CaseColumn.SUBMITTED_AT)).isEqualTo(own.get(i).at(CaseColumn.SUBMITTED_AT));
            assertThat(s.has(CaseColumn.ACCEPTED_AT)).isFalse();
            assertThat(s.get(CaseColumn.ACCEPTED_AT)).isNull();
            assertThat(s.withRow(9)).isEqualTo(own.get(i).withRow(9));
            // a changed copy changes neither the record nor the records beside it in the block
            CaseRecord changed = s.toBuilder().at(CaseColumn.SUBMITTED_AT, 0).build();
            assertThat(changed.at(CaseColumn.SUBMITTED_AT)).isZero();
            assertThat(stored.get(i)).isEqualTo(own.get(i));
            assertThat(stored.get(i + 1)).isEqualTo(own.get(i + 1));
        }
    }

    @Test
    void theFirstRowOfEachCaseNumberIsKeptAsTheTableGrows() {
        Collector.RowTable table = new Collector.RowTable();
        for (int i = 0; i < 200_000; i++) {
            assertThat(table.putIfAbsent("GD" + i, i + 2)).isEqualTo(-1);
        }
        // keys whose hashes collide ("Aa" and "BB") are told apart by their text
        assertThat(table.putIfAbsent("Aa", 7)).isEqualTo(-1);
        assertThat(table.putIfAbsent("BB", 8)).isEqualTo(-1);
        assertThat(table.size()).isEqualTo(200_002);
        for (int i = 0; i < 200_000; i += 997) {
            assertThat(table.row("GD" + i)).isEqualTo(i + 2);
            assertThat(table.putIfAbsent("GD" + i, 1)).isEqualTo(i + 2);
        }
        assertThat(table.row("Aa")).isEqualTo(7);
        assertThat(table.row("BB")).isEqualTo(8);
        assertThat(table.row("GD200000")).isEqualTo(-1);
        assertThat(table.size()).isEqualTo(200_002);
    }
}
