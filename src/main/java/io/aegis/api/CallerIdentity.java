package io.aegis.api;

import io.aegis.platform.AegisHeaders;
import io.aegis.platform.security.SecurityProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Puts the caller's tenant, from the validated JWT, into {@code aegis.tenant}, overwriting anything a
 * client sent under that name: the tenant is never taken from the request itself.
 */
@Component("callerIdentity")
public class CallerIdentity implements Processor {

    private final String tenantClaim;

    public CallerIdentity(SecurityProperties security) {
        this.tenantClaim = security.tenantClaim();
    }

    @Override
    public void process(Exchange exchange) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken jwt)) {
            throw new ApiProblem(401, "Unauthorized", "a valid bearer token is required");
        }
        String tenant = jwt.getToken().getClaimAsString(tenantClaim);
        if (tenant == null || tenant.isBlank()) {
            throw new ApiProblem(401, "Unauthorized", "the token carries no '" + tenantClaim + "' claim");
        }
        exchange.getMessage().setHeader(AegisHeaders.TENANT, tenant);
    }
}
