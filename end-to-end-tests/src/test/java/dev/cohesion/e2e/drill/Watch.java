package dev.cohesion.e2e.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.e2e.RunningSystem;
import dev.cohesion.events.Topics;
import dev.cohesion.stack.kafka.LocalKafka;
import dev.cohesion.stack.process.CohesionService;
import dev.cohesion.stack.process.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the drill watches from outside while it runs: when each event of the drill's networks arrives on the
 * services' topics (read as the broker's admin, from the moment the watch starts), and the services' own counts of
 * redeliveries they discarded (scraped from every instance every five seconds, the last figure of each process kept,
 * since a killed process takes its counters with it).
 */
final class Watch implements AutoCloseable {

    /** An event as it arrived: its topic, id, the time the service wrote it, the time the watch saw it. */
    record Arrival(String topic, String eventId, Instant written, Instant arrived) {
    }

    private static final List<String> TOPICS = List.of(Topics.MEMBERS, Topics.NORMS, Topics.METRICS);

    private final RunningSystem system;
    private final Set<String> keys;
    private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final Map<String, Double> discarded = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread consumer;
    private final Thread scraper;
    private volatile boolean running = true;

    /** @param keys the record keys (network ids) whose events it notes; the set may grow while it runs */
    Watch(RunningSystem system, Set<String> keys) {
        this.system = system;
        this.keys = keys;
        Properties p = new Properties();
        p.putAll(system.stack().kafka().clientConfig(LocalKafka.ADMIN));
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        KafkaConsumer<String, String> kafka = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            kafka.partitionsFor(topic, Duration.ofSeconds(10)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        partitions.forEach(kafka::position);
        consumer = new Thread(() -> consume(kafka), "drill watch: topics");
        scraper = new Thread(this::scrape, "drill watch: counters");
        consumer.setDaemon(true);
        scraper.setDaemon(true);
        consumer.start();
        scraper.start();
    }

    private void consume(KafkaConsumer<String, String> kafka) {
        try (kafka) {
            while (running) {
                for (ConsumerRecord<String, String> r : kafka.poll(Duration.ofMillis(100))) {
                    if (r.key() != null && keys.contains(r.key()) && r.value() != null) {
                        try {
                            JsonNode envelope = Clients.JSON.readTree(r.value());
                            arrivals.add(new Arrival(r.topic(), envelope.path("id").asText(), Instant.parse(envelope.path("time").asText()),
                                    Instant.now()));
                        } catch (IOException | RuntimeException unreadable) {
                            arrivals.add(new Arrival(r.topic(), "unreadable@" + r.offset(), Instant.EPOCH, Instant.now()));
                        }
                    }
                }
            }
        }
    }

    private void scrape() {
        while (running) {
            for (CohesionService s : CohesionService.values()) {
                for (ServiceProcess p : system.instances(s)) {
                    try {
                        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(p.managementUrl() + "/q/metrics"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                        if (metrics.statusCode() == 200) {
                            discarded.put(p.name() + "@" + p.pid(), discardedRedeliveries(metrics.body()));
                        }
                    } catch (IOException starting) {
                        // not listening (yet, or any more): its last figure stays
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Events dropped by event id (the Inbox) plus activities dropped by their idempotency key. */
    static double discardedRedeliveries(String prometheus) {
        double sum = 0;
        for (String line : prometheus.split("\n")) {
            if ((line.startsWith("cohesion_consumer_events_total{") && line.contains("outcome=\"duplicate\""))
                    || line.startsWith("cohesion_activities_duplicates_total")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The longest an event written in the window waited before it arrived on the topic. */
    Duration longestWait(String topic, Instant from, Instant to) {
        return arrivals.stream().filter(a -> a.topic().equals(topic) && !a.written().isBefore(from) && a.written().isBefore(to))
                .map(a -> Duration.between(a.written(), a.arrived())).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    long redeliveriesDiscarded() {
        return Math.round(discarded.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.join(5000);
        scraper.interrupt();
    }
}
