package dev.cohesion.members.rest;

import dev.cohesion.events.members.PartnerScope;
import dev.cohesion.members.domain.Partner;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the partner registry. */
public final class PartnerDtos {

    private PartnerDtos() {
    }

    @Schema(name = "PartnerRegistration", description = "A partner organisation's client at the identity provider, and what it may do.")
    public record Registration(
            @NotBlank @Size(max = 200) @Schema(example = "Ethics Forum events app") String name,
            @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._:@/-]+", message = "letters, digits and . _ : @ / -")
            @Schema(description = "The OAuth client id it signs in with (client credentials)", example = "partner-ethics-forum") String clientId,
            @NotNull @Size(max = 10) @Schema(example = "[\"activities:write\", \"health:read\"]") List<@NotNull PartnerScope> scopes) {
    }

    @Schema(name = "PartnerChange", description = "A new name or new scopes for a registered partner.")
    public record Change(@NotBlank @Size(max = 200) @Schema(example = "Ethics Forum events app") String name,
                         @NotNull @Size(max = 10) List<@NotNull PartnerScope> scopes) {
    }

    @Schema(name = "Partner", description = "A partner registered for the network. Revoked ones are kept for the record.")
    public record View(UUID id, UUID networkId, String name,
                       @Schema(description = "The identity provider that issues its tokens") String issuer, String clientId,
                       List<PartnerScope> scopes, UUID registeredBy, Instant registeredAt, UUID revokedBy, Instant revokedAt,
                       @Schema(description = "Also the ETag", example = "1") long version) {

        public static View of(Partner p) {
            return new View(p.id, p.networkId, p.name, p.issuer, p.clientId, Arrays.stream(p.scopes).map(PartnerScope::valueOf).toList(),
                    p.registeredBy, p.registeredAt, p.revokedBy, p.revokedAt, p.version);
        }
    }
}
