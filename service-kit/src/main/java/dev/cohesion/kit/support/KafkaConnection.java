package dev.cohesion.kit.support;

import java.util.HashMap;
import java.util.Map;

/** The part of the service's Kafka settings that says where the brokers are and how to sign in, for plain clients. */
public final class KafkaConnection {

    private KafkaConnection() {
    }

    /** Bootstrap servers, security protocol, SASL and TLS settings of {@code kafkaConfig}, in a new map. */
    public static Map<String, Object> settings(Map<String, Object> kafkaConfig) {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (k.startsWith("bootstrap.servers") || k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                settings.put(k, v);
            }
        });
        return settings;
    }
}
