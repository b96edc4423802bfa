package dev.cohesion.stack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points members-service's e-mail at the JVM's real SMTP server ({@link LocalStack#mail()}). */
public class LocalMailTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(LocalStack.get().mail().smtpPort()),
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void stop() {
        // the SMTP server lives as long as the JVM, with the rest of the stack
    }
}
