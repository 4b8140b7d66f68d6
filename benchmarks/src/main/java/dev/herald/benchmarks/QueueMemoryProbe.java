package dev.herald.benchmarks;

import dev.herald.auth.AuthSignerFactory;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.time.SystemScheduler;
import dev.herald.templates.FreemarkerTemplateRenderer;
import dev.herald.templates.TemplateConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes of heap per queued delivery: dispatches {@code N} events to one endpoint whose transport never answers,
 * so that {@code N} deliveries are outstanding (64 in flight, the rest rendered and queued), and compares the heap
 * after full collections before and after.
 *
 * <pre>{@code java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.herald.benchmarks.QueueMemoryProbe 1000000}</pre>
 *
 * <p>Prints {@code queued=<n> heap_bytes=<b> bytes_per_delivery=<x>}, then the heap's limit and whether a million
 * deliveries fit in it. Exits 1 when the deliveries did not all fit (out of memory or refused).
 *
 * <p>Each event is built as the gateway hook builds one, with its own strings (a parsed request carries fresh
 * ones), its own id and time; the rendering runs on the caller ({@code executor(Runnable::run)}), so every
 * delivery holds its rendered body, as it does once Herald's executor has caught up.
 */
public final class QueueMemoryProbe {
    private static final int CAPACITY = 1_000_000;
    private static final int ONE_MILLION = 1_000_000;
    private static final int RESERVE_BYTES = 16 << 20;

    private QueueMemoryProbe() {}

    /**
     * What the probe measured.
     *
     * @param queued deliveries outstanding when the heap was measured
     * @param heapBytes heap used after full collections, minus the same before the dispatches
     * @param outOfMemory whether the heap ran out before every event was dispatched
     * @param maxHeapBytes the heap's limit
     */
    public record Result(long queued, long heapBytes, boolean outOfMemory, long maxHeapBytes) {
        /** Heap bytes per outstanding delivery. */
        public double bytesPerDelivery() {
            return queued == 0 ? 0 : (double) heapBytes / queued;
        }

        /** The probe's line: {@code queued=<n> heap_bytes=<b> bytes_per_delivery=<x>}. */
        public String line() {
            return String.format(Locale.ROOT, "queued=%d heap_bytes=%d bytes_per_delivery=%.1f", queued, heapBytes,
                    bytesPerDelivery());
        }
    }

    /** Runs the probe; the first argument is the number of events, a million by default. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : ONE_MILLION;
        Result r = measure(n);
        System.out.println(r.line());
        double projected = r.bytesPerDelivery() * ONE_MILLION;
        System.out.println(String.format(Locale.ROOT,
                "max_heap_bytes=%d out_of_memory=%s one_million_deliveries_bytes=%.0f fits_in_max_heap=%s",
                r.maxHeapBytes(), r.outOfMemory(), projected, !r.outOfMemory() && projected < r.maxHeapBytes()));
        if (r.outOfMemory() || r.queued() < n) {
            System.exit(1);
        }
    }

    /** Dispatches {@code n} events to one endpoint that never answers and measures the heap they hold. */
    public static Result measure(int n) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long maxHeap = memory.getHeapMemoryUsage().getMax();
        // One-off allocations (FreeMarker's caches, the id generator, thread-local buffers) are made here, on a
        // dispatcher that is then thrown away, so they are not counted as the deliveries'.
        SystemScheduler warmScheduler = new SystemScheduler();
        Dispatcher warm = dispatcher(new BenchmarkFixtures.HoldingTransport(), warmScheduler);
        for (int i = 0; i < 1000; i++) {
            warm.dispatch(event(i));
        }
        warm.close(Duration.ZERO);
        warmScheduler.close();
        SystemScheduler scheduler = new SystemScheduler();
        BenchmarkFixtures.HoldingTransport transport = new BenchmarkFixtures.HoldingTransport();
        Dispatcher dispatcher = dispatcher(transport, scheduler);
        long before = heapAfterGc(memory);
        // Set aside so that, when the heap runs out, freeing it leaves room to read the counters and report.
        byte[] reserve = new byte[RESERVE_BYTES];
        boolean outOfMemory = false;
        long accepted = 0;
        long queued;
        long heap;
        try {
            for (int i = 0; i < n; i++) {
                DispatchResult r = dispatcher.dispatch(event(i));
                if (!r.accepted()) {
                    break;
                }
                accepted++;
            }
        } catch (OutOfMemoryError e) {
            outOfMemory = true;
        }
        Reference.reachabilityFence(reserve);
        reserve = null;
        if (outOfMemory) {
            // What the deliveries held when nothing more could be allocated: the whole heap but the reserve,
            // which is still counted until a collection runs.
            queued = accepted;
            heap = memory.getHeapMemoryUsage().getUsed() - before - RESERVE_BYTES;
        } else {
            heap = heapAfterGc(memory) - before;
            queued = dispatcher.stats().outstanding();
        }
        // Not closed: closing reports every undelivered delivery, which needs memory a full heap no longer
        // has. The dispatcher becomes garbage; only the timer thread needs stopping.
        Reference.reachabilityFence(dispatcher);
        Reference.reachabilityFence(transport);
        scheduler.close();
        return new Result(queued, heap, outOfMemory, maxHeap);
    }

    private static Dispatcher dispatcher(BenchmarkFixtures.HoldingTransport transport, SystemScheduler scheduler) {
        return Dispatcher.builder()
                .endpoints(BenchmarkFixtures.endpoints(1, "hmac", "https://hooks.example.com/herald"))
                .transport(transport)
                .signerFactory(new AuthSignerFactory())
                .templateRenderer(new FreemarkerTemplateRenderer(TemplateConfig.ofDefaults()))
                .scheduler(scheduler)
                .executor(Runnable::run)
                .capacity(CAPACITY)
                .build();
    }

    /** A {@code tool_success} as the hook makes it from a parsed request: fresh strings, its own id and time. */
    private static Event event(int i) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tool_name", fresh("search_docs"));
        return Event.builder(EventType.TOOL_SUCCESS)
                .time(Instant.now())
                .context(new RequestContext("req-" + Integer.toHexString(0x10000000 + i), fresh("alice@example.com"),
                        fresh("acme"), fresh("srv-eu-1")))
                .metadata(metadata)
                .build();
    }

    /** A string with its own characters, as JSON parsing gives, rather than a shared literal. */
    private static String fresh(String s) {
        return new String(s.toCharArray());
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
