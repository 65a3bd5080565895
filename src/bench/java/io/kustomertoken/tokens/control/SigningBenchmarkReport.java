package io.kustomertoken.tokens.control;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link SigningBenchmarks} with the GC profiler and prints one table: ns/op, bytes
 * allocated per op, and each as a ratio to the floor. {@code mvn -B -Pbench package}.
 */
public final class SigningBenchmarkReport {

    public static void main(String[] args) throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.include(SigningBenchmarks.class.getName() + "\\.").addProfiler(GCProfiler.class);
        if (args.length > 0) {
            options.forks(Integer.parseInt(args[0]));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, double[]> rows = new LinkedHashMap<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark().replaceAll(".*\\.", "");
            Result<?> primary = run.getPrimaryResult();
            Result<?> allocated = run.getSecondaryResults().get("·gc.alloc.rate.norm");
            if (allocated == null) {
                allocated = run.getSecondaryResults().get("gc.alloc.rate.norm");
            }
            rows.put(name, new double[] {primary.getScore(), primary.getScoreError(),
                    allocated == null ? Double.NaN : allocated.getScore()});
        }
        double[] floor = rows.get("floor");
        System.out.println();
        System.out.println("| benchmark | ns/op | ± | B/op | time ÷ floor | bytes ÷ floor |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach((name, row) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.2f | %.2f |%n",
                name, row[0], row[1], row[2], row[0] / floor[0], row[2] / floor[2]));
    }
}
