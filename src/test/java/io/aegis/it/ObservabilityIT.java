package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.orchestrate.StepFinisher;
import io.aegis.testmedia.TestPdfs;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/**
 * What an operator sees of one job: its meters at /actuator/prometheus, one trace across the queue hops
 * (api → orchestrator → media worker → ai worker), and its job id and tenant on the log lines of its steps.
 * A PDF is used because its plan runs on all three queues (extract-text on media, summarize and embed on ai).
 */
class ObservabilityIT extends PipelineTestSupport {

    // Long enough to be summarised (a text under 25 words is not: no model call, no model meter).
    private static final byte[] PDF = TestPdfs.pages("Harbour",
            "The harbour of Kelby was rebuilt in 1870 after a storm destroyed the old wooden pier. "
                    + "The new stone quay gave the fishing fleet shelter in winter. Trade grew, and a railway reached the town in 1885.");

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    ApplicationContext context;

    @Test
    void prometheusShowsJobStepModelQueueAndRouteMetricsAfterAJob() {
        String before = prometheus();
        String token = localToken();
        String jobId = uploadAccepted(token, "harbour.pdf", PDF);
        assertThat(awaitTerminal(token, jobId).path("status").asText()).isEqualTo("SUCCEEDED");

        String after = prometheus();
        assertThat(value(after, "aegis_jobs_total", "media=\"pdf\",status=\"SUCCEEDED\""))
                .isGreaterThan(value(before, "aegis_jobs_total", "media=\"pdf\",status=\"SUCCEEDED\""));
        assertThat(value(after, "aegis_jobs_total", "media=\"unknown\",status=\"QUEUED\""))
                .isGreaterThan(value(before, "aegis_jobs_total", "media=\"unknown\",status=\"QUEUED\""));
        for (String step : List.of("validate", "metadata", "extract-text", "summarize", "embed")) {
            String labels = "outcome=\"succeeded\",step=\"" + step + "\"";
            assertThat(value(after, "aegis_step_duration_seconds_count", labels))
                    .as(step).isGreaterThan(value(before, "aegis_step_duration_seconds_count", labels));
        }
        assertThat(value(after, "aegis_ai_model_latency_seconds_count", "model=\"extractive-textrank-v1\",provider=\"offline\""))
                .isGreaterThan(value(before, "aegis_ai_model_latency_seconds_count",
                        "model=\"extractive-textrank-v1\",provider=\"offline\""));
        // Camel's own route meters (camel-micrometer), per route id.
        assertThat(after).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"media.worker\"[^}]*\\} [1-9]");
        assertThat(after).containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"ai.worker\"");

        // Every queue and its DLQ has a depth read from SQS (NaN would mean it could not be read).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = prometheus();
            for (String queue : List.of("aegis-jobs", "aegis-jobs-priority", "aegis-media", "aegis-ai", "aegis-ingest")) {
                for (String name : List.of(queue, queue + "-dlq")) {
                    assertThat(sample(scrape, "aegis_queue_depth", "queue=\"" + name + "\"")).as(name)
                            .isNotNull().isNotNaN().isGreaterThanOrEqualTo(0);
                }
            }
        });
    }

    @Test
    void oneJobIsOneTraceAcrossItsQueueHops() {
        // The client starts the trace; every hop must continue it, through the SQS message attributes.
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String token = localToken();
        var headers = bearer(token);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.set("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        var response = http.postForEntity("/v1/upload", new HttpEntity<>(file("traced.pdf"), headers), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        String jobId = read(response.getBody()).path("jobId").asText();
        assertThat(awaitTerminal(token, jobId).path("status").asText()).isEqualTo("SUCCEEDED");

        // Spans are exported in batches; wait for the last hop's consumer span.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(traceId)).toList();
            Set<String> routes = trace.stream().map(ObservabilityIT::routeId).collect(Collectors.toSet());
            assertThat(routes).contains("api.store-upload", "orchestrate.jobs", "media.worker", "ai.worker");
            Set<String> consumedQueues = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER)
                    .map(ObservabilityIT::uri).filter(uri -> uri.startsWith("aws2-sqs://"))
                    .map(uri -> uri.substring("aws2-sqs://".length(), uri.indexOf('?')))
                    .collect(Collectors.toSet());
            assertThat(consumedQueues).contains("aegis-jobs", "aegis-media", "aegis-ai");
            assertThat(trace).anyMatch(span -> uri(span).equals("direct://step-extract-text"))
                    .anyMatch(span -> uri(span).equals("direct://step-summarize"));
        });
        // No OTLP endpoint configured: no exporter that would reach for the network.
        assertThat(context.getBeanNamesForType(OtlpHttpSpanExporter.class)).isEmpty();
    }

    @Test
    void everyStepLogLineOfAJobCarriesItsJobAndTenantAndRendersAsJson() throws Exception {
        Logger stepLog = (Logger) LoggerFactory.getLogger(StepFinisher.class);
        var captured = new ListAppender<ILoggingEvent>() {
            @Override
            protected void append(ILoggingEvent event) {
                // Freeze the MDC of the worker thread that logged it.
                event.prepareForDeferredProcessing();
                super.append(event);
            }
        };
        captured.start();
        stepLog.addAppender(captured);
        String jobId;
        JsonNode job;
        try {
            String token = localToken();
            jobId = uploadAccepted(token, "logged.pdf", PDF);
            job = awaitTerminal(token, jobId);
        } finally {
            stepLog.detachAppender(captured);
        }
        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");

        List<ILoggingEvent> lines = List.copyOf(captured.list).stream()
                .filter(event -> jobId.equals(event.getMDCPropertyMap().get("aegis.jobId"))).toList();
        // One "step <name> SUCCEEDED" line per step of the job, each with the job's tenant.
        long steps = StreamSupport.stream(job.path("steps").spliterator(), false).count();
        assertThat(lines).hasSize((int) steps);
        assertThat(lines).allSatisfy(event -> assertThat(event.getMDCPropertyMap()).containsEntry("aegis.tenant", "local"));

        // AEGIS_LOG_FORMAT=logstash renders the same line as JSON with top-level jobId and tenant.
        var encoder = new StructuredLogEncoder();
        encoder.setFormat("logstash");
        encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        encoder.start();
        JsonNode json = read(new String(encoder.encode(lines.get(0)), StandardCharsets.UTF_8));
        assertThat(json.path("jobId").asText()).isEqualTo(jobId);
        assertThat(json.path("tenant").asText()).isEqualTo("local");
        assertThat(json.path("message").asText()).startsWith("step ");
    }

    private LinkedMultiValueMap<String, Object> file(String filename) {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new ByteArrayResource(PDF) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        return body;
    }

    private String prometheus() {
        var response = get(null, "/actuator/prometheus");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    /** The sample's value, 0 when the series does not exist yet (a counter before its first increment). */
    private static double value(String scrape, String name, String labels) {
        Double sample = sample(scrape, name, labels);
        return sample == null ? 0 : sample;
    }

    /** The sample's value, null when the scrape has no such series. */
    private static Double sample(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    private static String routeId(SpanData span) {
        return String.valueOf(span.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("camel.route.id")).map(e -> e.getValue()).findFirst().orElse(""));
    }

    private static String uri(SpanData span) {
        return String.valueOf(span.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("camel.uri")).map(e -> e.getValue()).findFirst().orElse(""));
    }
}
