package dev.cohesion.events.members;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How an e-mail address is matched without travelling: the hex SHA-256 of the address trimmed and lower-cased.
 * members-service publishes it for members who allow partners to match them by their verified address;
 * metrics-service computes it for the addresses partners send.
 */
public final class EmailMatchKey {

    private EmailMatchKey() {
    }

    public static String of(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
