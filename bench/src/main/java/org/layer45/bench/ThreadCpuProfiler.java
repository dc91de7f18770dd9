package org.layer45.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that adds {@code cpu.thrpt}: benchmark operations per CPU-second consumed by the JMH
 * worker threads, beside JMH's own wall-clock score. The build machines are shared, so a wall-clock score
 * moves with whatever else runs there; CPU time charged to the benchmark thread does not (much), which makes
 * this the number to compare providers by.
 *
 * <p>Use it as {@code -prof org.layer45.bench.ThreadCpuProfiler}. It only reports for
 * {@link Mode#Throughput} benchmarks whose score is in {@code ops/s}; for anything else it reports nothing
 * rather than a number in a unit nobody asked for.
 *
 * <p>The CPU counted is everything the workers do between {@link #beforeIteration} and {@link #afterIteration}:
 * the measured loop, plus per-iteration setup and the ops JMH runs while the workers start and stop together.
 * So the operations counted are all the ops the workers ran in that span (JMH's {@code allOps}), not score ×
 * wall time: on a loaded two-core machine the wall span exceeded the 1 s measured window by 4–21 % (thread
 * start, result collection), and score × wall overstated the ops by 1–4 %, varying with the very load this
 * figure is meant to be immune to. Only when JMH gives no op count does it fall back to score × wall.
 *
 * <p>JMH calls both hooks from the forked VM's driver thread, one iteration at a time, so the fields need
 * no locking.
 */
public final class ThreadCpuProfiler implements InternalProfiler {
    /** JMH's platform worker threads are named {@code jmh-worker-1}, {@code jmh-worker-2}, … */
    private static final String WORKER_NAME = "jmh-worker";
    private static final String LABEL = "cpu.thrpt";
    private static final String UNIT = "ops/cpu-s";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTimeUsable;
    /** CPU nanoseconds of each worker thread (by id) when the iteration started. */
    private final Map<Long, Long> cpuAtStart = new HashMap<>();
    private long wallAtStart;

    /** JMH instantiates profilers reflectively through this constructor. */
    public ThreadCpuProfiler() {
        cpuTimeUsable = enableCpuTime(threads);
    }

    @Override
    public String getDescription() {
        return "Throughput per CPU-second of the jmh-worker threads (" + LABEL + ", " + UNIT + ")";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart.clear();
        if (cpuTimeUsable) {
            cpuAtStart.putAll(workerCpuTimes());
        }
        wallAtStart = System.nanoTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // the signature is InternalProfiler's, raw Result and all
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long wallNanos = System.nanoTime() - wallAtStart;
        // A failed iteration has no results at all: let JMH report the benchmark's own exception.
        if (!cpuTimeUsable || benchmarkParams.getMode() != Mode.Throughput || result.getRawPrimaryResults().isEmpty()) {
            return List.of();
        }
        Result<?> primary = result.getPrimaryResult();
        if (primary == null || !"ops/s".equals(primary.getScoreUnit())) {
            return List.of();
        }
        long cpuNanos = 0;
        for (Map.Entry<Long, Long> now : workerCpuTimes().entrySet()) {
            // A worker first seen now was started during this iteration: all of its CPU belongs to it.
            cpuNanos += now.getValue() - cpuAtStart.getOrDefault(now.getKey(), 0L);
        }
        IterationResultMetaData metadata = result.getMetadata();
        double ops = metadata != null && metadata.getAllOps() > 0
                ? metadata.getAllOps() : estimatedOps(primary.getScore(), wallNanos);
        double perCpuSecond = opsPerCpuSecond(ops, cpuNanos);
        if (Double.isNaN(perCpuSecond)) {
            return List.of();
        }
        return List.of(new ScalarResult(LABEL, perCpuSecond, UNIT, AggregationPolicy.AVG));
    }

    /** Operations per CPU-second; NaN when there is no CPU time to divide by or no op count. */
    static double opsPerCpuSecond(double ops, long cpuNanos) {
        if (cpuNanos <= 0 || !Double.isFinite(ops) || ops < 0) {
            return Double.NaN;
        }
        return ops / (cpuNanos / 1e9);
    }

    /** Operations done at {@code opsPerSecond} for {@code wallNanos}: the fallback when JMH gives no count. */
    static double estimatedOps(double opsPerSecond, long wallNanos) {
        return wallNanos <= 0 ? Double.NaN : opsPerSecond * (wallNanos / 1e9);
    }

    /** CPU nanoseconds so far of every live thread whose name marks it as a JMH worker. */
    private Map<Long, Long> workerCpuTimes() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            // A null entry is a thread that ended between the two calls.
            if (info == null || !info.getThreadName().contains(WORKER_NAME)) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) { // -1: the thread ended meanwhile, or measurement is off
                cpu.put(info.getThreadId(), nanos);
            }
        }
        return cpu;
    }

    /** Whether per-thread CPU time can be read, switching it on if the VM supports it but has it off. */
    private static boolean enableCpuTime(ThreadMXBean threads) {
        if (!threads.isThreadCpuTimeSupported()) {
            return false;
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            try {
                threads.setThreadCpuTimeEnabled(true);
            } catch (UnsupportedOperationException | SecurityException e) {
                System.err.println("ThreadCpuProfiler: cannot enable thread CPU time: " + e);
                return false;
            }
        }
        return true;
    }
}
