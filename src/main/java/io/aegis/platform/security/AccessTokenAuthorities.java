package io.aegis.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The token's roles as {@code SCOPE_*} authorities: its scopes ({@code scope} or {@code scp}, a configured
 * prefix such as Cognito's resource-server id stripped) plus the roles its groups map to
 * ({@code cognito:groups} → {@code aegis.security.group-roles}).
 */
public class AccessTokenAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String scopePrefix;
    private final String groupsClaim;
    private final Map<String, List<String>> groupRoles;

    public AccessTokenAuthorities(SecurityProperties security) {
        this.scopePrefix = security.scopePrefix();
        this.groupsClaim = security.groupsClaim();
        this.groupRoles = security.groupRoles();
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Set<String> roles = new LinkedHashSet<>();
        for (String scope : words(jwt.getClaims().getOrDefault("scope", jwt.getClaims().get("scp")))) {
            if (scope.startsWith(scopePrefix)) {
                roles.add(scope.substring(scopePrefix.length()));
            }
        }
        for (String group : words(jwt.getClaims().get(groupsClaim))) {
            roles.addAll(groupRoles.getOrDefault(group, List.of()));
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + role)));
        return authorities;
    }

    private static List<String> words(Object claim) {
        if (claim instanceof String text) {
            return List.of(text.trim().split("\\s+"));
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
