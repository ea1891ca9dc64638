package io.jdirs.bench;

import java.time.Instant;

/** The object of the workload: six attributes, stored under its id (which is not one of them). */
public record User(String name, String email, int age, double score, boolean active, Instant created) {
    public User withScore(double newScore) {
        return new User(name, email, age, newScore, active, created);
    }
}
