package io.aegis.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import io.aegis.platform.security.TenantNames;

/**
 * An object key in the inbox, {@code inbox/{tenant}/{name}}. Job and asset ids are derived from the key
 * and ETag, so ingesting the same object twice (a crash between copy and delete, a duplicate S3 event)
 * finds the job it already made instead of making a second one.
 */
public record InboxKey(String tenant, String name, String jobId, String assetId) {


    public static Optional<InboxKey> parse(String prefix, String key, String etag) {
        if (key == null || !key.startsWith(prefix) || key.endsWith("/")) {
            return Optional.empty();
        }
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        String tenant = rest.substring(0, slash);
        if (!TenantNames.PATTERN.matcher(tenant).matches()) {
            return Optional.empty();
        }
        String identity = key + "@" + (etag == null ? "" : etag.replace("\"", ""));
        return Optional.of(new InboxKey(tenant, rest.substring(slash + 1),
                uuid("job:" + identity), uuid("asset:" + identity)));
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
