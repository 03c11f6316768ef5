package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** What a new user meets on a first `make run`: no false warnings at start, a console without 404s. */
@ExtendWith(OutputCaptureExtension.class)
class FirstRunIT extends PipelineTestSupport {

    private static final String CUDA_PROBE = "ai.djl.util.cuda.CudaUtils";

    @Test
    void theFaviconIsServedFromTheJarWithoutAToken() {
        var answer = http.exchange("/favicon.ico", HttpMethod.GET, new HttpEntity<>(new HttpHeaders()), byte[].class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(String.valueOf(answer.getHeaders().getContentType())).contains("icon");
        // An ICO file: reserved 0, type 1 (icon), then the number of images.
        assertThat(answer.getBody()).startsWith(0, 0, 1, 0);
    }

    @Test
    void theEmbeddingRuntimesGpuProbeDoesNotWarn(CapturedOutput output) {
        // Where a CUDA runtime is installed without a driver (this machine type), the probe DJL runs as the MiniLM
        // tokenizer loads warns "Failed to detect GPU count"; Aegis never uses a GPU. Run the probe again here.
        int gpus = ai.djl.util.cuda.CudaUtils.getGpuCount();

        assertThat(gpus).isNotNegative();
        assertThat(output.getAll()).doesNotContain("Failed to detect GPU count");
        assertThat(LoggerFactory.getLogger(CUDA_PROBE).isWarnEnabled()).as("application.yaml silences the probe").isFalse();
        assertThat(LoggerFactory.getLogger(CUDA_PROBE).isErrorEnabled()).as("real errors still show").isTrue();
    }
}
