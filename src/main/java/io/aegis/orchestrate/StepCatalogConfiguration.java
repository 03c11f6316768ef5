package io.aegis.orchestrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.steps.StepCatalog;
import io.aegis.steps.StepDeclarationReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The steps plans may name: the built-in ones of {@code aegis.steps}, and those routes/steps/ declares at run time. */
@Configuration(proxyBeanMethods = false)
public class StepCatalogConfiguration {

    @Bean
    StepCatalog stepCatalog(PipelineProperties pipeline) {
        return new StepCatalog(pipeline.steps().queue(), pipeline.steps()::timeoutOf);
    }

    /** Reads the step files; a step that states no timeout gets {@code aegis.steps.timeout.default}. */
    @Bean
    StepDeclarationReader stepDeclarationReader(ObjectMapper json, PipelineProperties pipeline) {
        return new StepDeclarationReader(json, pipeline.steps().timeoutOf("default"));
    }
}
