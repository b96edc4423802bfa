package dev.cohesion.members.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

    /** The specification's example, also what the npm package standardwebhooks 1.1.1 signs for it. */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signs_the_specifications_example_as_its_reference_implementation_does() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, BODY));
    }

    @Test
    void during_a_rotation_both_signatures_are_sent_separated_by_a_space_the_new_one_first() {
        String other = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(other, SECRET), ID, TIMESTAMP, BODY);
        String[] parts = header.split(" ");
        assertEquals(2, parts.length);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", parts[1]);
        assertNotEquals(parts[0], parts[1]);
    }

    @Test
    void any_change_of_id_timestamp_or_body_changes_the_signature() {
        String signed = WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, BODY);
        assertNotEquals(signed, WebhookSignature.header(List.of(SECRET), ID + "x", TIMESTAMP, BODY));
        assertNotEquals(signed, WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP + 1, BODY));
        assertNotEquals(signed, WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, BODY + " "));
    }

    @Test
    void new_secrets_carry_the_prefix_and_32_random_bytes() {
        String secret = WebhookSignature.newSecret();
        assertTrue(secret.startsWith("whsec_"));
        assertEquals(32, java.util.Base64.getDecoder().decode(secret.substring(6)).length);
        assertNotEquals(secret, WebhookSignature.newSecret());
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.header(List.of("no-prefix"), ID, TIMESTAMP, BODY));
    }
}
