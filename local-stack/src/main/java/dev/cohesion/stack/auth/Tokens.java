package dev.cohesion.stack.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Mints development tokens (docs/security.md) that say who the caller is, as an identity provider's would:
 * {@code iss} the development issuer, {@code sub}, {@code aud} {@value #AUDIENCE}, and optionally a verified
 * {@code email}, the {@code platform-admin} role in {@code groups}, or the {@code client_id} of a partner's
 * client-credentials token. They grant nothing by themselves: what the caller may do in a network comes from the
 * services' records of members and partners.
 */
public final class Tokens {

    /** The audience the services require. */
    public static final String AUDIENCE = "cohesion-api";

    private final DevKeys keys;
    private final String subject;
    private final List<String> groups = new ArrayList<>();
    private String email;
    private boolean emailVerified;
    private String clientId;
    private String audience = AUDIENCE;
    private String issuer = DevKeys.ISSUER;
    private Duration lifetime = Duration.ofHours(12);

    private Tokens(DevKeys keys, String subject) {
        this.keys = keys;
        this.subject = subject;
    }

    public static Tokens forSubject(DevKeys keys, String subject) {
        return new Tokens(keys, subject);
    }

    public static Tokens anonymousUser(DevKeys keys) {
        return new Tokens(keys, "user-" + UUID.randomUUID());
    }

    public Tokens admin() {
        groups.add("platform-admin");
        return this;
    }

    /** A verified e-mail address (an invitation is accepted only with the invited address, verified). */
    public Tokens email(String address) {
        this.email = address;
        this.emailVerified = true;
        return this;
    }

    /** An e-mail address the identity provider did not verify. */
    public Tokens unverifiedEmail(String address) {
        this.email = address;
        this.emailVerified = false;
        return this;
    }

    /** A partner's client-credentials token: the client it was issued to. */
    public Tokens client(String clientId) {
        this.clientId = clientId;
        return this;
    }

    public Tokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    public Tokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public Tokens lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    public String subject() {
        return subject;
    }

    public String sign() {
        JwtClaimsBuilder claims = Jwt.issuer(issuer).subject(subject).audience(audience).expiresIn(lifetime);
        if (!groups.isEmpty()) {
            claims.groups(Set.copyOf(groups));
        }
        if (email != null) {
            claims.claim("email", email).claim("email_verified", emailVerified);
        }
        if (clientId != null) {
            claims.claim("client_id", clientId);
        }
        return claims.jws().keyId("cohesion-dev").sign(keys.privateKey());
    }
}
