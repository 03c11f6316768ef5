package io.aegis.platform.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local authorization server's RSA signing key, kept in a file under the data folder (readable by the owner
 * only) so dev tokens stay valid across a restart of {@code make run}; made on first use. A file that cannot be
 * read as a private RSA key is replaced (tokens signed with it stop working, nothing else is lost).
 */
final class DevSigningKey {

    private static final Logger log = LoggerFactory.getLogger(DevSigningKey.class);

    private DevSigningKey() {
    }

    static RSAKey loadOrCreate(Path file) {
        if (Files.isRegularFile(file)) {
            try {
                JWK stored = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
                if (stored instanceof RSAKey rsa && rsa.isPrivate()) {
                    return rsa;
                }
                log.warn("{} holds no private RSA key: making a new dev signing key", file);
            } catch (IOException | java.text.ParseException e) {
                log.warn("{} is not a readable signing key ({}): making a new dev signing key", file, e.getMessage());
            }
        }
        RSAKey key = generate();
        store(file, key);
        return key;
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    // Written beside the target and moved into place: a crash never leaves half a key.
    private static void store(Path file, RSAKey key) {
        try {
            Path dir = Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(dir, ".dev-signing-key", ".tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the dev signing key at " + file, e);
        }
    }
}
