package org.warmline.assessment;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PerCaseTest {

    @Test
    void twoThreadsSettingCasesOfTheSameChunksLoseNothing() throws Exception {
        int cases = 50_000;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                PerCase<String> values = new PerCase<>(cases);
                CountDownLatch start = new CountDownLatch(1);
                // interleaved: every chunk is wanted by both threads at about the same moment
                Future<?> even = threads.submit(() -> set(values, start, 0, cases));
                Future<?> odd = threads.submit(() -> set(values, start, 1, cases));
                start.countDown();
                even.get();
                odd.get();
                for (int k = 0; k < cases; k++) {
                    assertThat(values.get(k)).isEqualTo(k % 3 == 0 ? null : "v" + k);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Void set(PerCase<String> values, CountDownLatch start, int parity, int cases) {
        try {
            start.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        for (int k = parity; k < cases; k += 2) {
            values.set(k, k % 3 == 0 ? null : "v" + k);
        }
        return null;
    }
}
