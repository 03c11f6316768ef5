package io.aegis.routefiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.media.ToolExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Route files are configuration, not code: what they may use, checked on the model Camel's YAML loader makes. */
class RouteFilePolicyTest {

    private DefaultCamelContext camel;
    private RouteFileParser parser;
    private RouteFilePolicy policy;

    static RouteFilePolicy policy(CamelContext camel) {
        return new RouteFilePolicy(camel, List.of("direct", "log", "bean", "exec"),
                List.of("ffmpeg", "ffprobe", "tesseract", "pocketsphinx_continuous"));
    }

    @BeforeEach
    void context() {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("thumbnailer", (Processor) exchange -> { });
        camel.getRegistry().bind(ToolExecutor.BEAN, new ToolExecutor(io.aegis.media.ToolLimits.defaults()));
        camel.getRegistry().bind("jdkList", new ArrayList<String>());
        camel.getPropertiesComponent().addInitialProperty("aegis.plans.text", "summarize,embed");
        parser = new RouteFileParser(camel);
        policy = policy(camel);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void theShippedRouteFilesAreWithinThePolicy() throws Exception {
        for (String file : List.of("dispatch-by-media-kind.yaml", "thumbnail-sizes.yaml")) {
            for (RouteDefinition route : parser.parse(Path.of("routes", file), Files.readAllBytes(Path.of("routes", file))).routes()) {
                assertThat(policy.violations(file, route)).as(file).isEmpty();
            }
        }
        // The error policy (a route configuration, read at start-up): its method call names an Aegis class.
        for (RouteConfigurationDefinition configuration : routeConfigurations(Path.of("routes", "error-policy.yaml"))) {
            assertThat(policy.violations("error-policy.yaml", configuration)).isEmpty();
        }
    }

    @Test
    void toolsRunOnlyThroughTheToolRunnerAndOnlyTheConfiguredOnes() throws Exception {
        assertThat(violations("- to: exec:ffprobe?commandExecutor=#toolExecutor")).isEmpty();
        assertThat(violations("- to: exec:ffprobe")).singleElement().asString().contains("without the tool runner");
        assertThat(violations("- to: exec:sh?commandExecutor=#toolExecutor&args=-c%20id"))
                .singleElement().asString().contains("runs sh, which is not one of the tools");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "- to: file:/tmp/out",
        "- to: sql:select 1",
        "- to: language:groovy:1",
        "- to: controlbus:route?routeId=orchestrate.jobs&action=stop",
        "- to: aws2-s3://any-bucket",
    })
    void componentsOutsideTheAllowListAreRefused(String step) throws Exception {
        assertThat(violations(step)).singleElement().asString().contains("which route files may not use");
    }

    @Test
    void stepFilesReachS3TheModelAndToolsOnlyThroughTheFences() throws Exception {
        policy = new RouteFilePolicy(camel, List.of("direct", "log", "bean", "exec", "aws2-s3", "langchain4j-chat"),
                List.of("ffmpeg", "vipsthumbnail"), List.of("aegis-raw", "aegis-processed"));
        assertThat(violations("- to: aws2-s3://aegis-processed?autoCreateBucket=false")).isEmpty();
        assertThat(violations("- to: aws2-s3://someone-elses-bucket")).singleElement().asString().contains("the project's buckets");
        assertThat(violations("- to: aws2-s3://aegis-processed?operation=deleteObject")).singleElement().asString()
                .contains("autoCreateBucket=false only");
        assertThat(policy.violations("r", parse("""
                - route:
                    id: ops.poll
                    from:
                      uri: aws2-s3://aegis-raw
                      steps:
                        - log: x
                """))).singleElement().asString().contains("deletes what it reads");
        assertThat(violations("- to: langchain4j-chat:x?chatOperation=CHAT_MULTIPLE_MESSAGES&chatModel=#visionChatModel")).isEmpty();
        assertThat(violations("- to: langchain4j-chat:x?chatModel=#jdkList")).anySatisfy(problem ->
                assertThat(problem).contains("chatOperation and chatModel"));
        assertThat(violations("- to: exec:vipsthumbnail?commandExecutor=#toolExecutor&args=original")).isEmpty();
        for (String option : List.of("workingDir=/", "outFile=/etc/cron.d/x", "timeout=0", "binding=#jdkList")) {
            assertThat(violations("- to: exec:ffmpeg?commandExecutor=#toolExecutor&" + option)).as(option)
                    .anySatisfy(problem -> assertThat(problem).contains("sets exec option"));
        }
        assertThat(violations("- setHeader:\n    name: CamelExecCommandArgs\n    constant: \"-i original\"")).isEmpty();
        for (String header : List.of("CamelExecCommandExecutable", "CamelExecCommandWorkingDir", "CamelAwsS3Key")) {
            assertThat(violations("- setHeader:\n    name: " + header + "\n    constant: x")).as(header)
                    .singleElement().asString().contains("steers a component");
        }
        assertThat(violations("- setProperty:\n    name: aegis.stepSkipped\n    constant: nothing to do")).isEmpty();
        assertThat(violations("- setProperty:\n    name: aegis.scratch\n    constant: /")).singleElement().asString()
                .contains("where Aegis keeps its own state");
    }

    @Test
    void aRouteFileCannotListenOnANewEndpoint() throws Exception {
        var route = parse("""
                - route:
                    id: ops.listener
                    from:
                      uri: platform-http:/v1/backdoor
                      steps:
                        - log: x
                """);
        assertThat(policy.violations("ops.listener", route)).singleElement().asString().contains("platform-http");
    }

    @Test
    void classAndBeanReferencesMustBeAegissOwnAndExist() throws Exception {
        assertThat(violations("- process:\n    ref: thumbnailer")).isEmpty();
        assertThat(violations("- process:\n    ref: \"#class:java.lang.ProcessBuilder\""))
                .singleElement().asString().contains("names class java.lang.ProcessBuilder");
        assertThat(violations("- process:\n    ref: \"#class:io.aegis.no.SuchProcessor\""))
                .singleElement().asString().contains("does not exist");
        assertThat(violations("- process:\n    ref: \"#class:io.aegis.media.ToolExecutor\"")).isEmpty();
        assertThat(violations("- bean:\n    ref: jdkList\n    method: clear")).singleElement().asString().contains("not one of Aegis's");
        assertThat(violations("- bean:\n    beanType: java.lang.Runtime\n    method: getRuntime"))
                .singleElement().asString().contains("java.lang.Runtime");
    }

    @Test
    void endpointsComputedAtRunTimeAreRefused() throws Exception {
        assertThat(violations("- toD: \"direct:${header.next}\"")).singleElement().asString().contains("computed at run time");
        assertThat(violations("- recipientList:\n    simple: \"direct:a,direct:b\"")).singleElement().asString()
                .contains("RecipientList");
        assertThat(violations("- toD: direct:plain")).isEmpty();
    }

    @Test
    void expressionsAreDataNotCode() throws Exception {
        assertThat(violations("- setHeader:\n    name: x\n    simple: \"${header[aegis.mediaType]} == 'image'\"")).isEmpty();
        assertThat(violations("- setHeader:\n    name: x\n    groovy: \"1 + 1\"")).singleElement().asString()
                .contains("uses the groovy language");
        assertThat(violations("- setHeader:\n    name: x\n    spel: \"#{1 + 1}\"")).singleElement().asString()
                .contains("uses the spel language");
        for (String reachesCode : List.of("${bean:thumbnailer.process}", "${sysenv.AEGIS_OPENAI_API_KEY}", "${env:HOME}",
                "${camelContext.stop()}", "${header.x.getClass()}", "${exchange.context}")) {
            assertThat(violations("- setHeader:\n    name: x\n    simple: \"" + reachesCode + "\""))
                    .as(reachesCode).singleElement().asString().contains("reaches code or the environment");
        }
    }

    @Test
    void aRefusedConstructIsFoundWhereverItIsNested() throws Exception {
        assertThat(violations("""
                - choice:
                    when:
                      - simple: "${header.kind} == 'x'"
                        steps:
                          - filter:
                              constant: "true"
                              steps:
                                - to: file:/tmp/deep
                """)).singleElement().asString().contains("file component");
    }

    @Test
    void theRouteFilesLoadedAtStartUpMeetTheSameRulesOrTheStartIsRefused(@TempDir Path dir) throws Exception {
        Path evil = Files.writeString(dir.resolve("evil.yaml"), """
                - route:
                    id: ops.evil
                    from:
                      uri: direct:evil
                      steps:
                        - to: file:/tmp/out
                """);
        Path elsewhere = Files.writeString(dir.resolveSibling(dir.getFileName() + "-elsewhere.yaml"), """
                - route:
                    id: ops.linked
                    from:
                      uri: direct:linked
                      steps:
                        - log: x
                """);
        Path linked = Files.createSymbolicLink(dir.resolve("linked.yaml"), elsewhere);
        for (Path file : List.of(evil, linked)) {
            Resource resource = ResourceHelper.fromBytes("file:" + file.toAbsolutePath(), Files.readAllBytes(file));
            for (var builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(resource)) {
                camel.addRoutes(builder);
            }
        }
        var atStartUp = new RouteFilesAtStartup(policy, new RouteFilesProperties(dir, false, null, null, null, null, null));

        assertThatThrownBy(() -> atStartUp.beforeApplicationStart(camel))
                .hasMessageContaining("evil.yaml").hasMessageContaining("file component")
                .hasMessageContaining("linked.yaml is a symbolic link");
    }

    private List<String> violations(String steps) throws Exception {
        StringBuilder indented = new StringBuilder();
        for (String line : steps.split("\n")) {
            indented.append("        ").append(line).append('\n');
        }
        RouteDefinition route = parse("""
                - route:
                    id: ops.test
                    from:
                      uri: direct:ops-test
                      steps:
                """ + indented);
        return policy.violations("route ops.test", route);
    }

    private RouteDefinition parse(String yaml) throws Exception {
        return parser.parse(Path.of("target/routes-under-test/policy.yaml"), yaml.getBytes(StandardCharsets.UTF_8)).routes().get(0);
    }

    private List<RouteConfigurationDefinition> routeConfigurations(Path file) throws Exception {
        Resource resource = ResourceHelper.fromBytes("file:" + file.toAbsolutePath(), Files.readAllBytes(file));
        for (var builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(resource)) {
            camel.addRoutes(builder); // a context not started: the definitions only
        }
        List<RouteConfigurationDefinition> configurations = camel.getRouteConfigurationDefinitions();
        assertThat(configurations).isNotEmpty();
        return configurations;
    }
}
