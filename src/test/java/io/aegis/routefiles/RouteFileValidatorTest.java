package io.aegis.routefiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What may replace running routes, checked against a real (not started) Camel context and its YAML loader. */
class RouteFileValidatorTest {

    private static final Path FILE = Path.of("target/routes-under-test/plan.yaml");

    private DefaultCamelContext camel;
    private RouteFileParser parser;
    private RouteFileValidator validator;

    @BeforeEach
    void contextWithAJavaRouteABeanAndAProperty() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("thumbnailer", (Processor) exchange -> { });
        camel.getPropertiesComponent().addInitialProperty("aegis.plans.text", "summarize,embed");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").routeId("orchestrate.run").to("direct:dispatch").to("direct:start-plan");
                from("direct:start-plan").routeId("orchestrate.start-plan").log("start");
            }
        });
        parser = new RouteFileParser(camel);
        validator = new RouteFileValidator(camel, RouteFilePolicyTest.policy(camel));
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void aPlanMayNameOnlyBuiltInAndDeclaredSteps() throws Exception {
        var steps = new io.aegis.steps.StepCatalog(java.util.Map.of("summarize", "ai", "embed", "ai"),
                step -> java.time.Duration.ofMinutes(30));
        var withSteps = new RouteFileValidator(camel, RouteFilePolicyTest.policy(camel), steps);
        var plan = parse("""
                - route:
                    id: orchestrate.dispatch
                    from:
                      uri: direct:dispatch
                      steps:
                        - setHeader:
                            name: aegis.plan
                            constant: "{{aegis.plans.text}},waveform"
                """);

        assertThat(withSteps.problems(plan, List.of())).singleElement().asString()
                .contains("plans step 'waveform', which is neither built in").contains("[embed, summarize]");

        steps.declare(new io.aegis.steps.StepDeclaration("waveform", "media", java.time.Duration.ofMinutes(5),
                "steps/waveform.yaml", List.of(), List.of()));
        assertThat(withSteps.problems(plan, List.of())).isEmpty();
    }

    @Test
    void aRouteThatOnlyUsesWhatExistsMayGoLive() throws Exception {
        var file = parse("""
                # {{commented.out.placeholder}} is not checked
                - route:
                    id: orchestrate.dispatch
                    from:
                      uri: direct:dispatch
                      steps:
                        - choice:
                            when:
                              - simple: "${header.kind} == 'text'"
                                steps:
                                  - setHeader:
                                      name: aegis.plan
                                      constant: "{{aegis.plans.text}}"
                                  - to: direct:start-plan
                            otherwise:
                              steps:
                                - setHeader:
                                    name: aegis.plan
                                    constant: "{{aegis.plans.other:thumbnails}}"
                        - process:
                            ref: thumbnailer
                """);

        assertThat(file.routeIds()).containsExactly("orchestrate.dispatch");
        assertThat(validator.problems(file, List.of())).isEmpty();
    }

    @Test
    void aMissingDirectEndpointInsideAChoiceIsFound() throws Exception {
        var file = parse(dispatch("""
                        - choice:
                            when:
                              - simple: "${header.kind} == 'text'"
                                steps:
                                  - to: direct:no-such-plan
                """));

        assertThat(validator.problems(file, List.of()))
                .containsExactly("route orchestrate.dispatch sends to direct:no-such-plan, which no route consumes");
    }

    @Test
    void aMissingBeanIsFound() throws Exception {
        var file = parse(dispatch("""
                        - process:
                            ref: noSuchProcessor
                        - to: bean:thumbnailer
                """));

        assertThat(validator.problems(file, List.of()))
                .containsExactly("route orchestrate.dispatch uses bean noSuchProcessor, which does not exist");
    }

    @Test
    void anUnresolvablePlaceholderIsFoundAndOneWithADefaultIsNot() throws Exception {
        var file = parse(dispatch("""
                        - setHeader:
                            name: aegis.plan
                            constant: "{{aegis.plans.nowhere}}"
                        - setHeader:
                            name: aegis.other
                            constant: "{{aegis.plans.nowhere.either:fine}}"
                """));

        assertThat(validator.problems(file, List.of()))
                .containsExactly("placeholder {{aegis.plans.nowhere}} does not resolve");
    }

    @Test
    void aRouteIdOrADirectConsumerOfAnotherRouteIsRefused() throws Exception {
        var file = parse("""
                - route:
                    id: orchestrate.start-plan
                    from:
                      uri: direct:start-plan
                      steps:
                        - log: twice
                """);

        assertThat(validator.problems(file, List.of())).containsExactly(
                "route id orchestrate.start-plan is already used by another route",
                "route orchestrate.start-plan consumes direct:start-plan, which another route already consumes");
        assertThat(validator.problems(file, List.of("orchestrate.start-plan")))
                .as("replacing that route itself is fine").isEmpty();
    }

    @Test
    void anEditOrDeletionThatLeavesAnotherRouteWithoutItsDirectEndpointIsRefused() throws Exception {
        runningDispatch();
        var renamed = parse("""
                - route:
                    id: orchestrate.dispatch
                    from:
                      uri: direct:dispatch-renamed
                      steps:
                        - log: dispatch
                """);

        assertThat(validator.problems(renamed, List.of("orchestrate.dispatch"))).containsExactly(
                "route orchestrate.run still sends to direct:dispatch, which would no longer have a consumer");
        assertThat(validator.problemsRemoving(List.of("orchestrate.dispatch"))).containsExactly(
                "route orchestrate.run still sends to direct:dispatch, which would no longer have a consumer");
        assertThat(validator.problemsRemoving(List.of("orchestrate.run"))).as("nobody sends to direct:run").isEmpty();
    }

    @Test
    void invalidYamlAHalfWrittenFileAndNonRouteEntriesAreRefusedBeforeCamelSeesThem() throws Exception {
        String whole = dispatch("""
                        - setHeader:
                            name: aegis.plan
                            constant: thumbnails
                """);

        assertThatThrownBy(() -> parse("- route:\n    id: x\n    from: [unclosed\n"))
                .isInstanceOf(RouteFileRejected.class).hasMessageStartingWith("not valid YAML");
        assertThatThrownBy(() -> parse(whole.substring(0, whole.indexOf("from:"))))
                .as("cut off before from").isInstanceOf(RouteFileRejected.class).hasMessage("route orchestrate.dispatch has no from");
        assertThatThrownBy(() -> parse("- beans:\n    - name: x\n      type: java.lang.Object\n"))
                .isInstanceOf(RouteFileRejected.class).hasMessageContaining("only '- route:' entries");
        assertThatThrownBy(() -> parse(Files.readString(Path.of("routes/error-policy.yaml"))))
                .as("the error policy applies at restart").isInstanceOf(RouteFileRejected.class)
                .hasMessageContaining("read at start-up only");
        assertThatThrownBy(() -> parse("- route:\n    from:\n      uri: direct:x\n      steps:\n        - log: x\n"))
                .isInstanceOf(RouteFileRejected.class).hasMessage("every route needs an id");
        assertThatThrownBy(() -> parse(dispatch("        - noSuchEip: x\n")))
                .isInstanceOf(RouteFileRejected.class).hasMessageStartingWith("not a valid Camel YAML route file");
    }

    @Test
    void aFileCutOffWhereItStillParsesIsRefusedByValidation() throws Exception {
        runningDispatch();
        String whole = dispatch("        - log: x\n");
        // Saved mid-write as "uri: direct:dis": valid YAML, a valid route, the wrong endpoint.
        var cut = parse(whole.substring(0, whole.indexOf("direct:dispatch") + "direct:dis".length()));

        assertThat(validator.problems(cut, List.of("orchestrate.dispatch"))).containsExactly(
                "route orchestrate.run still sends to direct:dispatch, which would no longer have a consumer");
    }

    @Test
    void theHashIsOfTheBytesThatWereParsed() throws Exception {
        var file = parse(dispatch("        - log: x\n"));

        assertThat(file.sha256()).hasSize(64)
                .isEqualTo(RouteFileParser.sha256(dispatch("        - log: x\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(file.routes().get(0).getResource().getLocation()).endsWith("routes-under-test/plan.yaml");
    }

    private void runningDispatch() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dispatch").routeId("orchestrate.dispatch").log("dispatch");
            }
        });
    }

    private ParsedRouteFile parse(String yaml) throws RouteFileRejected {
        return parser.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static String dispatch(String steps) {
        return """
                - route:
                    id: orchestrate.dispatch
                    from:
                      uri: direct:dispatch
                      steps:
                """ + steps;
    }
}
