package io.aegis.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecBinding;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecEndpoint;
import org.apache.camel.component.exec.ExecResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tool a YAML step runs is held to its step: the endpoint's executable, the scratch directory, no way out. */
class ToolBindingTest {

    @TempDir
    Path work;

    private DefaultCamelContext camel;
    private ExecEndpoint ffmpeg;
    private ToolBinding binding;

    @BeforeEach
    void context() {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind(ToolExecutor.BEAN, new ToolExecutor(ToolLimits.defaults()));
        camel.start();
        ffmpeg = camel.getEndpoint("exec:ffmpeg?commandExecutor=#toolExecutor", ExecEndpoint.class);
        binding = new ToolBinding(new MediaProperties(work, Duration.ofMinutes(10), null, null, null, null, null, null, null));
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    private Exchange stepExchange(String args) {
        Exchange exchange = new DefaultExchange(camel);
        Scratch.of(exchange, work);
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_ARGS, args);
        exchange.getMessage().setBody("not for stdin");
        return exchange;
    }

    @Test
    void aRouteFilesToolRunsInTheScratchDirectoryWithTheEndpointsExecutableAndNoStdin() {
        Exchange exchange = stepExchange("-i original -vf \"select='gt(scene,0.3)',scale=iw/2:-2\" -y out.png");
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_WORKING_DIR, "/");
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_OUT_FILE, "/tmp/elsewhere");

        ExecCommand command = binding.readInput(exchange, ffmpeg);

        assertThat(command.getExecutable()).isEqualTo("ffmpeg");
        assertThat(command.getArgs()).containsExactly("-i", "original", "-vf", "select='gt(scene,0.3)',scale=iw/2:-2", "-y", "out.png");
        assertThat(Path.of(command.getWorkingDir())).isEqualTo(Scratch.current(exchange));
        assertThat(command.getInput()).isNull();
        assertThat(command.getOutFile()).isNull();
        assertThat(command.getTimeout()).isEqualTo(Duration.ofMinutes(10).toMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-i /etc/passwd", "-i ../../etc/passwd", "-i movie=/etc/passwd", "-i http://example.com/x",
        "-i ~/secrets", "-i \"movie=original,select='x'\" -y ../out.png"})
    void argumentsReachingOutsideTheScratchDirectoryAreRefused(String args) {
        assertThatThrownBy(() -> binding.readInput(stepExchange(args), ffmpeg))
                .isInstanceOf(StepFailure.class).hasMessageContaining("outside the step's scratch directory");
    }

    @Test
    void exitZeroLeavesStdoutAsTheBodyAndAnyOtherExitFailsTheStep() {
        Exchange exchange = stepExchange("-version");
        ExecCommand command = binding.readInput(exchange, ffmpeg);
        binding.writeOutput(exchange, new ExecResult(command, stream("{\"frames\":[]}"), null, 0));
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"frames\":[]}");

        Exchange failing = stepExchange("-i original");
        ExecCommand again = binding.readInput(failing, ffmpeg);
        assertThatThrownBy(() -> binding.writeOutput(failing, new ExecResult(again, null, stream("Invalid data"), 1)))
                .isInstanceOf(StepFailure.class)
                .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.CORRUPT_MEDIA));
    }

    @Test
    void aCallAJavaProcessorPreparedIsLeftToThatProcessor() {
        Exchange exchange = new DefaultExchange(camel);
        ToolRun.prepare(exchange, "ffprobe", java.util.List.of("-version"), work, Duration.ofSeconds(5));

        ExecCommand command = binding.readInput(exchange, ffmpeg);
        binding.writeOutput(exchange, new ExecResult(command, null, null, 1));

        assertThat(command.getExecutable()).isEqualTo("ffprobe");
        assertThat(exchange.getMessage().getBody()).isInstanceOf(ExecResult.class);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
