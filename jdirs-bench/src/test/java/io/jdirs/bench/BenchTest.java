package io.jdirs.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness runs every operation on every peer, at a very small size; what it measures is not checked. */
class BenchTest {
    @TempDir
    Path work;

    @Test
    void measuresEveryOperationOfEveryPeerAndSavesTheResults() throws Exception {
        Results r = new Bench(work.resolve("work"), 1000, 1, 0.05, true, Peer.ALL, Operation.ALL, false, true, false, false)
                .run("test");
        for (Peer peer : Peer.ALL) {
            for (Operation op : Operation.ALL) {
                Results.Row row = r.row(op.id(), peer.name());
                assertThat(row != null).as(op.id() + " on " + peer.name()).isEqualTo(op.appliesTo(peer));
                if (row != null) {
                    assertThat(row.rates()).hasSize(1);
                    assertThat(row.rates()[0]).isPositive();
                }
            }
        }
        r.save(work.resolve("results-1000.json"));
        assertThat(Results.load(work.resolve("results-1000.json"))).usingRecursiveComparison().isEqualTo(r);

        Files.writeString(work.resolve("cli.md"), "## CLI start-up\n\nWritten elsewhere.\n");
        System.setProperty("java.awt.headless", "true");
        Report.main(new String[] {"--results", work.toString(), "--reference", "1000", "--out",
                work.resolve("BENCHMARKS.md").toString(), "--chart", work.resolve("bench.png").toString(),
                "--fragments", work.toString()});
        String md = Files.readString(work.resolve("BENCHMARKS.md"));
        for (Operation op : Operation.ALL) {
            assertThat(md).contains("### " + op.title());
        }
        assertThat(md).contains("## CLI start-up", "## Where jdirs stands", "![Speed relative to jdirs](bench.png)");
        assertThat(work.resolve("bench.png")).isNotEmptyFile();
    }
}
