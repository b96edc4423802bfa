package dev.cohesion.stack.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Mints bearer tokens with Cohesion's claims (see docs/security.md): {@code sub} the caller, {@code groups}
 * containing {@code platform-admin} for the platform, and {@code networks}: per network id, the caller's
 * {@code roles} (organiser, member, partner), its {@code memberId} and, for partners, its {@code scopes}.
 */
public final class Tokens {

    private final DevKeys keys;
    private final String subject;
    private final Map<String, Map<String, Object>> networks = new LinkedHashMap<>();
    private final List<String> groups = new ArrayList<>();
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

    public Tokens organiser(UUID networkId, UUID memberId) {
        return grant(networkId, List.of("organiser", "member"), memberId, List.of());
    }

    public Tokens member(UUID networkId, UUID memberId) {
        return grant(networkId, List.of("member"), memberId, List.of());
    }

    public Tokens partner(UUID networkId, List<String> scopes) {
        return grant(networkId, List.of("partner"), null, scopes);
    }

    public Tokens grant(UUID networkId, List<String> roles, UUID memberId, List<String> scopes) {
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("roles", roles);
        if (memberId != null) {
            grant.put("memberId", memberId.toString());
        }
        if (!scopes.isEmpty()) {
            grant.put("scopes", scopes);
        }
        networks.put(networkId.toString(), grant);
        return this;
    }

    public Tokens lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    public String sign() {
        JwtClaimsBuilder claims = Jwt.issuer(DevKeys.ISSUER)
                .subject(subject)
                .expiresIn(lifetime)
                .claim("networks", networks);
        if (!groups.isEmpty()) {
            claims.groups(Set.copyOf(groups));
        }
        return claims.jws().keyId("cohesion-dev").sign(keys.privateKey());
    }
}
