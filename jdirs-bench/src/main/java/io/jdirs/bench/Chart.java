package io.jdirs.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PNG chart of the main comparisons: each durable peer's rate relative to jdirs, per operation (an
 * indexed peer's relative to jdirs with indexes).
 */
final class Chart {
    private static final java.util.Map<String, String> LABELS = java.util.Map.of("read-first", "read, first",
            Bench.JMH_OPERATION, "read, repeated", "update-8", "update ×8", "transfer", "3-user tx",
            Operation.COUNT_FIRST, "count, first", Operation.PROCESS, "get process");

    private Chart() {
    }

    static void write(Results r, List<String> operations, List<String> peers, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(520)
                .title("Speed relative to jdirs, " + String.format("%,d", r.size()) + " users (higher is faster, log scale)")
                .yAxisTitle("rate ÷ jdirs' rate (indexed peers: ÷ jdirs indexed)").build();
        chart.getStyler().setYAxisLogarithmic(true).setYAxisDecimalPattern("0.###")
                .setLegendPosition(Styler.LegendPosition.OutsideS).setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        double least = 1;
        List<String> shown = operations.stream().filter(op -> r.row(op, Peer.JDIRS) != null).toList();
        for (String peer : peers) {
            List<String> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (String op : shown) {
                Results.Row row = r.row(op, peer);
                xs.add(LABELS.getOrDefault(op, op));
                Results.Row jdirs = r.row(op, Peer.named(peer).versus());
                ys.add(row == null || jdirs == null ? Double.NaN : row.median() / jdirs.median());
            }
            least = Math.min(least, ys.stream().filter(y -> !y.isNaN()).min(Double::compare).orElse(least));
            if (ys.stream().anyMatch(y -> !y.isNaN())) {
                chart.addSeries(peer, xs, ys);
            }
        }
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(least)))); // bars start there, not at 0
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
