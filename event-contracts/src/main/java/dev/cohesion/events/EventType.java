package dev.cohesion.events;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One event type: its versioned name ({@code cohesion.<producer>.<event>.v<N>}), the topic it travels on and the
 * payload record. Its JSON Schema lives at {@code schemas/<producer>/<event>.v<N>.schema.json}, owned by the
 * producing service. An incompatible change is a new type with the next version, never an edit.
 */
public record EventType<T>(String name, String topic, Class<T> payload) {

    private static final Pattern NAME = Pattern.compile("cohesion\\.([a-z]+)\\.([a-z-]+)\\.(v[0-9]+)");

    public EventType {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("event type names look like cohesion.<producer>.<event>.v<N>: " + name);
        }
    }

    public static <T> EventType<T> of(String topic, String name, Class<T> payload) {
        return new EventType<>(name, topic, payload);
    }

    /** The producing service's short name: members, norms, metrics or activities. */
    public String producer() {
        return part(1);
    }

    public String schemaResource() {
        return "schemas/" + producer() + "/" + part(2) + "." + part(3) + ".schema.json";
    }

    private String part(int group) {
        Matcher m = NAME.matcher(name);
        m.matches();
        return m.group(group);
    }
}
