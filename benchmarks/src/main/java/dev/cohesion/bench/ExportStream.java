package dev.cohesion.bench;

import dev.cohesion.stack.process.ServiceProcess;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** An export streamed from a service: its size and rate, and the service's memory while it streams. */
final class ExportStream {

    private ExportStream() {
    }

    /**
     * An export, read as fast as this client reads: its size and rate, and the service's resident memory and used heap
     * sampled every 20 ms while it streams, against the same before it starts (flat memory: the peak stays near it
     * whatever the size of the file).
     */
    static String measure(ServiceProcess service, String url, String token, String accept, int rows) throws Exception {
        long pid = service.pid();
        long before = Bench.residentMegabytes(pid);
        long heapBefore = heapUsedMegabytes(service);
        AtomicLong peak = new AtomicLong(before);
        AtomicLong heapPeak = new AtomicLong(heapBefore);
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (streaming.get()) {
                peak.accumulateAndGet(Bench.residentMegabytes(pid), Math::max);
                heapPeak.accumulateAndGet(heapUsedMegabytes(service), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long started = System.nanoTime();
        long bytes = 0;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", accept).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                bytes += n;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        streaming.set(false);
        sampler.join();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode());
        }
        return String.format("%.1f MB in %.1f s (%.0f rows/s); service RSS %d MB before, peak %d MB while streaming (%+d MB); "
                        + "heap used %d MB before, peak %d MB while streaming",
                bytes / 1e6, seconds, rows / seconds, before, peak.get(), peak.get() - before, heapBefore, heapPeak.get());
    }

    /** The service's used heap (Micrometer's jvm_memory_used_bytes, area heap, on the management port), in MB. */
    private static long heapUsedMegabytes(ServiceProcess service) {
        try {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(service.managementUrl() + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            double bytes = metrics.body().lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            return (long) (bytes / (1024 * 1024));
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
