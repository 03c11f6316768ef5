package io.aegis.platform.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What may name a tenant: the first segment of every object key ({@code {tenant}/{assetId}/...}) and the partition of
 * every list, so 1-64 of {@code a-z 0-9 _ -}, starting with a letter or digit; and never a name the bucket layout
 * uses itself (the inbox and rejected prefixes), which would let a tenant's objects pass for drop-ins of another.
 * A token whose tenant breaks this is refused (401); a drop-in under such a name is rejected.
 */
@Component
public class TenantNames {

    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final Set<String> reserved;

    public TenantNames(@Value("${aegis.inbox.prefix:inbox/}") String inboxPrefix,
                       @Value("${aegis.inbox.rejected-prefix:rejected/}") String rejectedPrefix) {
        this.reserved = Stream.of(inboxPrefix, rejectedPrefix)
                .map(prefix -> prefix.replaceAll("/+$", "").toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allowed(String tenant) {
        return problem(tenant).isEmpty();
    }

    /** Why {@code claim} cannot name a tenant; empty when it can. */
    public Optional<String> problem(Object claim) {
        if (!(claim instanceof String tenant) || tenant.isBlank()) {
            return Optional.of("the token names no tenant");
        }
        if (!PATTERN.matcher(tenant).matches()) {
            return Optional.of("the tenant must be 1-64 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        if (reserved.contains(tenant)) {
            return Optional.of("the tenant name '" + tenant + "' is reserved");
        }
        return Optional.empty();
    }

    Set<String> reserved() {
        return reserved;
    }
}
