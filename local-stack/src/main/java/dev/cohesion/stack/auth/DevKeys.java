package dev.cohesion.stack.auth;

import dev.cohesion.stack.secrets.Secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The development signing key pair: generated once per checkout (never committed; the private key readable by its
 * owner only), used by `./cohesion token` to sign tokens and by the services, through their public key, to verify
 * them. Production verifies tokens against the identity provider's key set instead.
 */
public record DevKeys(PrivateKey privateKey, PublicKey publicKey) {

    public static final String ISSUER = "https://cohesion.local/dev";

    public static DevKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new DevKeys(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    /** Loads the pair kept in the directory, creating it on first use. */
    public static DevKeys loadOrCreate(Path directory) throws IOException {
        Path privateFile = directory.resolve("private-key.pem");
        Path publicFile = directory.resolve("public-key.pem");
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            Secrets.ownerOnly(privateFile); // written by an earlier version with the default permissions
            return load(privateFile, publicFile);
        }
        DevKeys keys = generate();
        Files.createDirectories(directory);
        Files.writeString(privateFile, "");
        Secrets.ownerOnly(privateFile); // before the key goes in
        Files.writeString(privateFile, pem("PRIVATE KEY", keys.privateKey.getEncoded()));
        Files.writeString(publicFile, keys.publicKeyPem());
        return keys;
    }

    public static Path publicKeyFile(Path directory) {
        return directory.resolve("public-key.pem");
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static DevKeys load(Path privateFile, Path publicFile) throws IOException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile))));
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicFile))));
            return new DevKeys(privateKey, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IOException("the development keys in " + privateFile.getParent() + " are unreadable; delete them to get new ones", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
