package org.warmline.ledger;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the reader keeps a million cases: {@link CaseList} in chunks, and the first row of each case number. */
class CaseStorageTest {

    @Test
    void theCaseListIsAListOfWhatWasAppendedInOrderAcrossChunksAndThenUnmodifiable() {
        CaseList first = new CaseList();
        CaseList second = new CaseList();
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
        CaseList open = new CaseList();
        open.append(CaseRecord.builder().set(CaseColumn.CASE_NO, "C1").build());
        DataSet data = new DataSet(List.of(), List.of(), open, List.of(), List.of(), List.of(), List.of(), List.of());
        open.append(CaseRecord.builder().set(CaseColumn.CASE_NO, "C2").build());
        assertThat(data.cases()).hasSize(1);
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
