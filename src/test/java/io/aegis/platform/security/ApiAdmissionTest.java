package io.aegis.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.orchestrate.TenantJobLimitProperties;
import io.aegis.platform.ProblemResponses;
import io.aegis.state.JobStore;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.unit.DataSize;

/** Room for a call: per kind, per tenant and per caller, freed when the call ends; and the tenant's backlog. */
class ApiAdmissionTest {

    private final SecurityProperties security = new SecurityProperties("tenant", null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null);
    private final JobStore jobs = mock(JobStore.class);
    private final UsageCounters counters = new InProcessUsageCounters(security);
    private final ApiAdmission admission = new ApiAdmission(
            new ApiLimitsProperties(new ApiLimitsProperties.Concern(1, 4, 3, 2, 0), null, null, 10),
            security, counters, jobs,
            new TenantJobLimitProperties(0, null, Duration.ofSeconds(7), 5, 0, null),
            new ProblemResponses(new ObjectMapper(), DataSize.ofMegabytes(1)));

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCallerHoldsAtMostItsCapOfUploadsAndAFinishedOneMakesRoom() throws Exception {
        MockHttpServletRequest first = upload("acme", "alice");
        assertThat(status(first, true)).isEqualTo(200);
        assertThat(status(upload("acme", "alice"), true)).isEqualTo(200);

        MockHttpServletResponse third = run(upload("acme", "alice"), true);
        assertThat(third.getStatus()).isEqualTo(429);
        assertThat(third.getHeader("Retry-After")).isEqualTo("5");
        assertThat(third.getContentAsString()).contains("you have 2 uploads open at once");

        ((MockAsyncContext) first.getAsyncContext()).complete();
        assertThat(status(upload("acme", "alice"), true)).as("after one ended").isEqualTo(200);
    }

    @Test
    void theCallersOfOneTenantShareItsCapAndAnotherTenantIsNotAffected() throws Exception {
        assertThat(status(upload("acme", "alice"), true)).isEqualTo(200);
        assertThat(status(upload("acme", "alice"), true)).isEqualTo(200);
        assertThat(status(upload("acme", "bob"), true)).isEqualTo(200);
        assertThat(status(upload("acme", "carol"), true)).as("acme's cap of 3").isEqualTo(429);
        assertThat(status(upload("globex", "dave"), true)).isEqualTo(200);
        assertThat(status(upload("globex", "frank"), true)).isEqualTo(200);
        // Five in the process at once (1 thread + 4 queued), whoever they are: then the server is busy.
        assertThat(status(upload("initech", "erin"), true)).isEqualTo(503);
    }

    @Test
    void aCallThatEndsAtOnceFreesItsSlot() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(status(upload("acme", "alice"), false)).isEqualTo(200);
        }
    }

    @Test
    void anUploadIs429WhileTheTenantsBacklogIsFull() throws Exception {
        when(jobs.countQueued(eq("acme"), anyInt())).thenReturn(5L);
        when(jobs.countQueued(eq("globex"), anyInt())).thenReturn(4L);
        MockHttpServletResponse refused = run(upload("acme", "alice"), false);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("7");
        assertThat(refused.getContentAsString()).contains("5 jobs waiting");
        assertThat(status(upload("globex", "dave"), false)).isEqualTo(200);
    }

    private MockHttpServletRequest upload(String tenant, String subject) {
        var jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).claim("tenant", tenant)
                .claim("client_id", "aegis-console").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
        var request = new MockHttpServletRequest("POST", "/v1/upload");
        request.setAsyncSupported(true);
        return request;
    }

    private int status(MockHttpServletRequest request, boolean staysOpen) throws Exception {
        return run(request, staysOpen).getStatus();
    }

    private MockHttpServletResponse run(MockHttpServletRequest request, boolean staysOpen) throws Exception {
        var response = new MockHttpServletResponse();
        FilterChain chain = (req, res) -> {
            if (staysOpen) {
                req.startAsync(); // the upload goes on after the filter returns, like every REST call here
            }
        };
        admission.doFilter(request, response, chain);
        return response;
    }
}
