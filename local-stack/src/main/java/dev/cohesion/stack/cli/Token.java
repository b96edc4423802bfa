package dev.cohesion.stack.cli;

import dev.cohesion.stack.auth.DevKeys;
import dev.cohesion.stack.auth.Tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** {@code ./cohesion token}: prints a token signed with the development key that `up` configured. */
final class Token {

    private static final List<String> ROLES = List.of("organiser", "member", "partner");

    private final Path keyDir;
    private final Options options;

    Token(Path root, Options options) {
        this.keyDir = root.resolve(options.value("data-dir", ".cohesion")).resolve("keys");
        this.options = options;
    }

    int run() {
        if (!Files.exists(DevKeys.publicKeyFile(keyDir))) {
            throw new UsageException("no development key yet in " + keyDir + ": run ./cohesion up first");
        }
        DevKeys keys;
        try {
            keys = DevKeys.loadOrCreate(keyDir);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        boolean admin = options.flag("admin");
        String network = options.value("network", null);
        if (!admin && network == null) {
            throw new UsageException("give --admin, or --network ID --role organiser|member|partner");
        }
        String role = network == null ? null : options.required("role");
        if (role != null && !ROLES.contains(role)) {
            throw new UsageException("--role must be one of " + ROLES + ", not '" + role + "'");
        }
        String subject = options.value("subject", admin && role == null ? "platform-admin" : "dev-" + role);
        Tokens token = Tokens.forSubject(keys, subject);
        if (admin) {
            token.admin();
        }
        if (network != null) {
            UUID networkId = uuid("network", network);
            UUID memberId = options.value("member", null) == null ? null : uuid("member", options.value("member", null));
            if (!"partner".equals(role) && memberId == null) {
                throw new UsageException("--member ID is required for the " + role + " role");
            }
            List<String> scopes = Arrays.stream(options.value("scopes", "").split(",")).filter(s -> !s.isBlank()).toList();
            switch (role) {
                case "organiser" -> token.organiser(networkId, memberId);
                case "member" -> token.member(networkId, memberId);
                default -> token.partner(networkId, scopes.isEmpty() ? List.of("activities:write", "directory:read") : scopes);
            }
        }
        System.out.println(token.sign());
        return 0;
    }

    private static UUID uuid(String option, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + option + " must be a UUID, not '" + value + "'");
        }
    }
}
