package io.jdirs.tx;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's one budget, shared by its segments. */
class CacheTest {
    private static Cache<Long> cache(long budget) {
        return new Cache<>(budget, w -> w);
    }

    private static long present(Cache<Long> c, int n) {
        return IntStream.range(0, n).filter(i -> c.get("k" + i) != null).count();
    }

    @Test
    void entriesUpToTheBudgetAreAllKept() {
        Cache<Long> c = cache(1000);
        for (int i = 0; i < 10; i++) {
            c.put("k" + i, 100L);
        }
        assertThat(present(c, 10)).isEqualTo(10);
    }

    @Test
    void oneEntryMayTakeMostOfTheBudgetWhateverItsSegment() {
        Cache<Long> c = cache(1000);
        for (int i = 0; i < 10; i++) {
            c.put("k" + i, 100L);
        }
        c.put("big", 700L); // far more than a sixteenth of the budget
        assertThat(c.get("big")).isEqualTo(700L);
        assertThat(present(c, 10)).isLessThanOrEqualTo(3); // 700 + 3 x 100 fit
    }

    @Test
    void anEntryHeavierThanTheBudgetIsNotKeptAndReplacesNothing() {
        Cache<Long> c = cache(1000);
        c.put("k0", 100L);
        c.put("big", 500L);
        c.put("big", 1001L); // grew past the budget: dropped
        assertThat(c.get("big")).isNull();
        assertThat(c.get("k0")).isEqualTo(100L);
    }

    @Test
    void aGrowingEntryIsWeighedAnew() {
        Cache<Long> c = cache(1000);
        for (int i = 0; i < 10; i++) {
            c.put("k" + i, 50L);
        }
        c.put("k0", 500L); // 950 in all
        c.put("k0", 10L);  // shrank: room for the rest again
        for (int i = 10; i < 20; i++) {
            c.put("k" + i, 50L);
        }
        assertThat(present(c, 20)).isEqualTo(20); // 10 + 19 x 50 = 960
    }

    @Test
    void aBudgetOfZeroKeepsNothing() {
        Cache<Long> c = cache(0);
        c.put("k0", 1L);
        assertThat(c.get("k0")).isNull();
    }
}
