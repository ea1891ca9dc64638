package io.jdirs.bench;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What one run of the benchmark measured, saved as JSON so that the report can be made again from it. */
public record Results(String date, String command, Map<String, String> machine, int size, int runs, double seconds,
                      List<Row> rows, List<FileOps.Counts> fileOps) {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * The measurements of one operation on one peer, as rates (operations per second, one per timed run
     * or per JMH iteration); for JMH rows also JMH's score and error; for timed writes the slowest one,
     * and how many failed, with the first failure.
     */
    public record Row(String operation, String peer, double[] rates, Double score, Double error, Double slowestMillis,
                      long failures, String failure) {
        public double median() {
            if (score != null) {
                return score;
            }
            double[] s = rates.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        public double min() {
            return Arrays.stream(rates).min().orElseThrow();
        }

        public double max() {
            return Arrays.stream(rates).max().orElseThrow();
        }
    }

    /** The row of an operation and peer, or null. */
    public Row row(String operation, String peer) {
        return rows.stream().filter(r -> r.operation.equals(operation) && r.peer.equals(peer)).findFirst().orElse(null);
    }

    public void save(Path file) {
        JSON.writeValue(file.toFile(), this);
    }

    public static Results load(Path file) {
        return JSON.readValue(file.toFile(), Results.class);
    }
}
