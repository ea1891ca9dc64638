package io.jdirs.bench;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * A store that has no index, nor a query language, to answer queries with (MVStore's map, the JSON
 * files): its queries are a full scan, every user read and tested.
 */
interface FullScan extends Store {
    @Override
    default long countOlderThan(int age) {
        AtomicLong n = new AtomicLong();
        scan((id, u) -> {
            if (u.age() > age) {
                n.incrementAndGet();
            }
        });
        return n.get();
    }

    @Override
    default void olderThan(int age, BiConsumer<String, User> each) {
        scan((id, u) -> {
            if (u.age() > age) {
                each.accept(id, u);
            }
        });
    }

    /** Reads every user: without a unique index nothing says that no other user has the same email. */
    @Override
    default Map.Entry<String, User> byEmail(String email) {
        AtomicReference<Map.Entry<String, User>> found = new AtomicReference<>();
        scan((id, u) -> {
            if (u.email().equals(email)) {
                found.set(Map.entry(id, u));
            }
        });
        return found.get();
    }
}
