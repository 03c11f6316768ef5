package io.aegis.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void theKeyIsMadeOnceAndTheSameKeyIsReadBackAfterARestart() throws Exception {
        Path file = dir.resolve("data/dev-signing-key.jwk");
        RSAKey first = DevSigningKey.loadOrCreate(file);
        RSAKey again = DevSigningKey.loadOrCreate(file);
        assertThat(again.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(again.toRSAPrivateKey().getEncoded()).isEqualTo(first.toRSAPrivateKey().getEncoded());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anUnreadableFileIsReplacedByANewKey() throws Exception {
        Path file = dir.resolve("dev-signing-key.jwk");
        Files.writeString(file, "not a key");
        RSAKey key = DevSigningKey.loadOrCreate(file);
        assertThat(key.isPrivate()).isTrue();
        assertThat(DevSigningKey.loadOrCreate(file).getKeyID()).isEqualTo(key.getKeyID());
    }
}
