package dev.cohesion.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the benchmarks report: each benchmark's table of figures, latency percentiles, and the summary that
 * {@code benchmarks/run all} ends with (each figure against its baseline or bar); printed, and appended to
 * benchmarks/target/report.md.
 */
final class Report {

    private static final Path REPORT = Bench.ROOT.resolve("benchmarks/target/report.md");

    private Report() {
    }

    /** p-th percentile (0..100) of latencies in nanoseconds, in milliseconds. */
    static double percentile(long[] sortedNanos, double p) {
        int i = (int) Math.ceil(p / 100 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }

    static String latencies(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d calls)", percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    /**
     * One line of the summary that {@code benchmarks/run all} prints: a figure, what it is compared with (a baseline
     * measured in the same run, or the bar the design sets), their ratio, and the goal.
     */
    record Line(String figure, String value, String baseline, String ratio, String goal) {
    }

    private static final List<Line> SUMMARY = new ArrayList<>();

    /** A rate against a baseline measured in the same run; the goal is a ratio ("—" where the design sets none). */
    static void compare(String figure, double value, String baselineName, double baseline, String goal) {
        SUMMARY.add(new Line(figure, String.format("%.0f/s", value), String.format("%s %.0f/s", baselineName, baseline),
                String.format("%.3f", value / baseline), goal));
    }

    /** A measure against the bar the design sets for it (lower is better): the ratio is measure / bar. */
    static void bar(String figure, double value, String unit, double bar) {
        SUMMARY.add(new Line(figure, String.format("%.1f %s", value, unit), String.format("bar %.0f %s", bar, unit),
                String.format("%.2f", value / bar), "≤ 1"));
    }

    /** Prints the summary of every benchmark run in this JVM and appends it to benchmarks/target/report.md. */
    static void summary(String title) {
        StringBuilder md = new StringBuilder("\n## " + title + "\n\n| figure | value | compared with | ratio | goal |\n|---|---|---|---|---|\n");
        SUMMARY.forEach(l -> md.append("| ").append(String.join(" | ", l.figure(), l.value(), l.baseline(), l.ratio(), l.goal())).append(" |\n"));
        append(md.toString());
    }

    static double p99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 99);
    }

    static void say(String line) {
        System.out.println("bench: " + line);
    }

    /** Prints the report and appends it to benchmarks/target/report.md. */
    static void report(String title, Map<String, String> figures) {
        StringBuilder md = new StringBuilder("\n## " + title + "\n\n| figure | value |\n|---|---|\n");
        figures.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        append(md.toString());
    }

    private static void append(String md) {
        System.out.println(md);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
