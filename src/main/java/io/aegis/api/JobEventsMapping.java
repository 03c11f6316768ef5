package io.aegis.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Camel's platform-http mapping (order -1) would answer GET /v1/jobs/events as /v1/jobs/{jobId} with job "events";
 * this mapping, holding only {@link JobEventStream}, is asked first.
 */
@Configuration(proxyBeanMethods = false)
class JobEventsMapping {

    @Bean
    RequestMappingHandlerMapping jobEventsHandlerMapping() {
        RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping() {
            @Override
            protected boolean isHandler(Class<?> beanType) {
                return JobEventStream.class.isAssignableFrom(beanType);
            }
        };
        mapping.setOrder(-2);
        return mapping;
    }
}
