package dev.cohesion.stack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cohesion.events.EventJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent events stream read line by line: each {@code data:} line, parsed, lands in {@link #received()};
 * {@link #ended()} completes when the server ends the stream or the test closes it.
 */
public record EventStream(int status, InputStream body, BlockingQueue<JsonNode> received, CompletableFuture<Void> ended)
        implements AutoCloseable {

    /** Opens the stream as {@code request} says (its URL and headers), with {@code Accept: text/event-stream}. */
    public static EventStream open(HttpRequest.Builder request, String token) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request.header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofInputStream()).get(30, TimeUnit.SECONDS);
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        received.add(EventJson.MAPPER.readTree(line.substring(5).trim()));
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        });
        return new EventStream(response.statusCode(), response.body(), received, ended);
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
