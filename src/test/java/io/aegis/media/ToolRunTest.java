package io.aegis.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.platform.StepDeadline;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Real processes through camel-exec: what a step sees when a tool succeeds, fails or hangs. */
class ToolRunTest {

    @TempDir
    Path dir;

    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void aToolThatSucceedsGivesItsStdoutAndRunsInTheGivenDirectory() throws Exception {
        Exchange exchange = run("sh", List.of("-c", "pwd; echo 'two words'"), Duration.ofSeconds(10));

        assertThat(ToolRun.require(exchange, "sh", ErrorCode.CORRUPT_MEDIA))
                .isEqualTo(dir.toRealPath() + "\ntwo words\n");
    }

    @Test
    void aToolThatRefusesTheFileFailsTheStepWithItsStderrInTheDetail() {
        Exchange exchange = run("sh", List.of("-c", "echo 'moov atom not found' >&2; exit 1"), Duration.ofSeconds(10));

        assertThatThrownBy(() -> ToolRun.require(exchange, "ffprobe", ErrorCode.CORRUPT_MEDIA))
                .isInstanceOfSatisfying(StepFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.CORRUPT_MEDIA);
                    assertThat(failure.getMessage()).contains("ffprobe").contains("exit 1").doesNotContain("moov");
                    assertThat(failure.detail()).contains("moov atom not found");
                });
    }

    @Test
    void toolsRunUnderTheOsLimitsOfTheToolRunner() {
        Exchange exchange = runLimited("cat", List.of("/proc/self/limits"), new ToolLimits(true, null,
                Duration.ofSeconds(7), DataSize.ofMegabytes(1), DataSize.ofGigabytes(1), null));

        String limits = ToolRun.require(exchange, "cat", ErrorCode.CORRUPT_MEDIA);
        assertThat(limits).containsPattern("Max cpu time\\s+7\\s+17\\s+seconds")
                .containsPattern("Max file size\\s+1048576\\s+1048576\\s+bytes")
                .containsPattern("Max address space\\s+1073741824\\s+1073741824\\s+bytes");
    }

    @Test
    void aToolWritingPastTheFileSizeLimitIsStoppedLimitExceeded() {
        Exchange exchange = runLimited("sh", List.of("-c", "head -c 5000000 /dev/zero > big.bin"), new ToolLimits(true,
                null, null, DataSize.ofMegabytes(1), null, null));

        assertThatThrownBy(() -> ToolRun.require(exchange, "ffmpeg", ErrorCode.CORRUPT_MEDIA))
                .isInstanceOfSatisfying(StepFailure.class, failure -> assertThat(failure.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
        assertThat(dir.resolve("big.bin").toFile().length()).isLessThanOrEqualTo(1024 * 1024);
    }

    @Test
    void aToolSpinningPastItsCpuTimeIsStoppedProcessingTimeout() {
        long started = System.nanoTime();
        Exchange exchange = runLimited("sh", List.of("-c", "while :; do :; done"), new ToolLimits(true, null,
                Duration.ofSeconds(1), null, null, null));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThatThrownBy(() -> ToolRun.require(exchange, "tesseract", ErrorCode.CORRUPT_MEDIA))
                .isInstanceOfSatisfying(StepFailure.class, failure -> assertThat(failure.code()).isEqualTo(ErrorCode.PROCESSING_TIMEOUT));
    }

    @Test
    void outputPastTheKeptAmountFailsLimitExceededAndOnlyATailIsHeld() {
        Exchange exchange = runLimited("head", List.of("-c", "5000000", "/dev/zero"), new ToolLimits(true, null, null,
                null, null, DataSize.ofKilobytes(64)));

        var stdout = exchange.getMessage().getBody(org.apache.camel.component.exec.ExecResult.class).getStdout();
        assertThat(stdout).isInstanceOfSatisfying(ToolOutput.Captured.class, out -> {
            assertThat(out.written()).isEqualTo(5_000_000);
            assertThat(out.available()).isEqualTo(64 * 1024);
        });
        assertThatThrownBy(() -> ToolRun.require(exchange, "ffprobe", ErrorCode.CORRUPT_MEDIA))
                .isInstanceOfSatisfying(StepFailure.class, failure -> assertThat(failure.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    }

    @Test
    void aHungToolIsKilledAtTheTimeout() {
        long started = System.nanoTime();
        Exchange exchange = run("sleep", List.of("30"), Duration.ofMillis(500));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> ToolRun.require(exchange, "ffmpeg", ErrorCode.CORRUPT_MEDIA))
                .isInstanceOfSatisfying(StepFailure.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.PROCESSING_TIMEOUT));
    }

    @Test
    void theStepsTimeoutBoundsEveryToolItRunsEvenWithALongerToolTimeout() {
        Exchange exchange = new DefaultExchange(camel);
        StepDeadline.set(exchange, Instant.now().plusMillis(500));
        long started = System.nanoTime();
        ToolRun.prepare(exchange, "sleep", List.of("30"), dir, Duration.ofMinutes(10));
        producer.send("exec:sleep", exchange);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> ToolRun.require(exchange, "pocketsphinx", ErrorCode.CORRUPT_MEDIA))
                .isInstanceOfSatisfying(StepFailure.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.PROCESSING_TIMEOUT));
    }

    @Test
    void noToolStartsOnceTheStepIsOutOfTime() {
        Exchange exchange = new DefaultExchange(camel);
        StepDeadline.set(exchange, Instant.now().minusSeconds(1));

        assertThatThrownBy(() -> ToolRun.prepare(exchange, "sleep", List.of("30"), dir, Duration.ofMinutes(10)))
                .isInstanceOfSatisfying(StepFailure.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.PROCESSING_TIMEOUT));
    }

    @Test
    void theToolGetsNoStdinEvenWhenTheMessageHasABody() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody("this must not reach the tool");
        ToolRun.prepare(exchange, "sh", List.of("-c", "cat | wc -c"), dir, Duration.ofSeconds(10));
        producer.send("exec:sh", exchange);

        assertThat(ToolRun.require(exchange, "sh", ErrorCode.CORRUPT_MEDIA).strip()).isEqualTo("0");
    }

    private Exchange runLimited(String executable, List<String> args, ToolLimits limits) {
        camel.getRegistry().bind(ToolExecutor.BEAN, new ToolExecutor(limits));
        Exchange exchange = new DefaultExchange(camel);
        ToolRun.prepare(exchange, executable, args, dir, Duration.ofSeconds(30));
        return producer.send(ToolExecutor.endpoint(executable), exchange);
    }

    private Exchange run(String executable, List<String> args, Duration timeout) {
        Exchange exchange = new DefaultExchange(camel);
        ToolRun.prepare(exchange, executable, args, dir, timeout);
        return producer.send("exec:" + executable, exchange);
    }
}
