package io.aegis.it;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Spans of the whole-pipeline tests land in memory (Spring Boot's tracer exports to every SpanExporter bean),
 * so a test can see the trace of one job. Imported by {@link PipelineTestSupport}: one shared context.
 */
@TestConfiguration(proxyBeanMethods = false)
class InMemoryTracing {

    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
