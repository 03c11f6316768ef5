package io.aegis.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** What a step file may declare, and the refusals that keep a broken declaration from going live. */
class StepDeclarationReaderTest {

    @TempDir
    Path steps;

    private final ObjectMapper json = new ObjectMapper();
    private final StepDeclarationReader reader = new StepDeclarationReader(json, Duration.ofMinutes(30));

    private StepDeclaration read(String yaml) {
        Object step = ((Map<?, ?>) new Yaml().load(yaml)).get("step");
        return reader.read(step, "steps/x.yaml", steps);
    }

    @Test
    void aDeclarationWithRenditionsAndAnInsightSchemaFile() throws Exception {
        Files.writeString(steps.resolve("scenes.json"), """
                {"type":"object","required":["frames"],"properties":{"frames":{"type":"array","maxItems":3}}}""");
        StepDeclaration step = read("""
                step:
                  name: scene-strip
                  queue: media
                  timeout: 90s
                  renditions: [{files: "crop-*.jpg", kind: crop}]
                  insights: [{name: scenes, schema: scenes.json}]
                """);

        assertThat(step.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(step.renditionFor("crop-1080x1350.jpg")).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo("crop");
            assertThat(r.format()).isEqualTo(RenditionFormat.JPEG);
        });
        assertThat(step.renditionFor("crop-1080x1350.png")).isEmpty();
        assertThat(step.renditionFor("../crop-1.jpg")).isEmpty();
        var schema = step.insight("scenes").orElseThrow().schema();
        assertThat(schema.violations(json.readTree("{\"frames\":[1,2]}"))).isEmpty();
        assertThat(schema.violations(json.readTree("{\"frames\":[1,2,3,4]}"))).isNotEmpty();
        assertThat(schema.violations(json.readTree("{}"))).singleElement().asString().contains("frames");
    }

    @Test
    void refusals() {
        String good = "step: {name: waveform, queue: media, renditions: [{files: waveform.png, kind: waveform}]}";
        assertThat(read(good).timeout()).as("the default timeout").isEqualTo(Duration.ofMinutes(30));
        assertRefused(good.replace("queue: media", "queue: gpu"), "queue must be media");
        assertRefused(good.replace("name: waveform", "name: Wave_Form"), "step name");
        assertRefused(good.replace("name: waveform", "name: metadata"), "built-in step");
        assertRefused(good.replace("queue: media", "queue: media, retries: 3"), "unknown field 'retries'");
        assertRefused(good.replace("queue: media", "queue: media, timeout: 2d"), "between 1s and 24h");
        assertRefused(good.replace("kind: waveform", "kind: thumbnail"), "built-in kinds");
        assertRefused(good.replace("files: waveform.png", "files: ../waveform.png"), "no folders");
        assertRefused(good.replace("files: waveform.png", "files: waveform.exe"), "must end in one of");
        assertRefused("step: {name: waveform, queue: media}", "declares no outputs");
        assertRefused("step: {name: fields, queue: ai, insights: [{name: fields}]}", "has no schema");
        assertRefused("step: {name: fields, queue: ai, insights: [{name: summary, schema: {type: object}}]}", "built-in insight");
        assertRefused("step: {name: fields, queue: ai, insights: [{name: fields, schema: missing.json}]}", "does not exist");
        assertRefused("step: {name: fields, queue: ai, insights: [{name: fields, schema: ../x.json}]}", "beside the step file");
        assertRefused("step: {name: fields, queue: ai, insights: [{name: fields, schema: {type: strnig}}]}", "not a valid JSON Schema");
        assertRefused("step: {name: fields, queue: ai, insights: [{name: fields, schema: {$ref: 'https://example.com/s.json'}}]}",
                "must be self-contained");
    }

    @Test
    void aSchemaFileThatIsALinkIsRefused() throws Exception {
        Path secret = Files.writeString(steps.getParent().resolve("elsewhere.json"), "{}");
        Files.createSymbolicLink(steps.resolve("linked.json"), secret);
        assertRefused("step: {name: fields, queue: ai, insights: [{name: fields, schema: linked.json}]}", "symbolic link");
    }

    @Test
    void theShippedStepFilesDeclareTheirSteps() throws Exception {
        for (String name : new String[] {"smart-crop", "waveform", "scene-strip", "extract-fields"}) {
            String text = Files.readString(Path.of("routes", "steps", name + ".yaml"));
            Object step = ((java.util.List<?>) new Yaml().load(text)).stream().map(e -> (Map<?, ?>) e)
                    .filter(e -> e.containsKey("step")).findFirst().orElseThrow().get("step");
            assertThat(reader.read(step, "steps/" + name + ".yaml", Path.of("routes", "steps")).name()).isEqualTo(name);
        }
    }

    private void assertRefused(String yaml, String because) {
        assertThatThrownBy(() -> read(yaml)).as(yaml).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(because);
    }
}
