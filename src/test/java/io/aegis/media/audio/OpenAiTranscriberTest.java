package io.aegis.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.aegis.state.ErrorCode;
import io.aegis.state.Insights.Segment;
import io.aegis.state.Insights.Transcript;
import io.aegis.state.StepFailure;

/**
 * The contract of POST /v1/audio/transcriptions (OpenAI API reference; Groq and local Whisper servers copy it),
 * played by a local server: what we send, and what we make of the documented answers.
 */
class OpenAiTranscriberTest {

    /** The verbose_json example from OpenAI's API reference, trimmed to two segments. */
    private static final String VERBOSE_JSON = """
            {
              "task": "transcribe",
              "language": "english",
              "duration": 8.470000267028809,
              "text": "The beach was a popular spot on a hot summer day. People were swimming in the ocean, building sandcastles, and playing beach volleyball.",
              "segments": [
                {
                  "id": 0, "seek": 0, "start": 0.0, "end": 3.319999933242798,
                  "text": " The beach was a popular spot on a hot summer day.",
                  "tokens": [50364, 440, 7534, 390, 257, 3743, 4008, 322, 257, 2368, 4266, 786, 13, 50530],
                  "temperature": 0.0, "avg_logprob": -0.2860786020755768,
                  "compression_ratio": 1.2363636493682861, "no_speech_prob": 0.00985979475080967
                },
                {
                  "id": 1, "seek": 0, "start": 3.319999933242798, "end": 8.470000267028809,
                  "text": " People were swimming in the ocean, building sandcastles, and playing beach volleyball.",
                  "tokens": [50530, 3432, 645, 11733, 294, 264, 7810, 11, 2390, 4932, 66, 525, 904, 11, 50794],
                  "temperature": 0.0, "avg_logprob": -0.2860786020755768,
                  "compression_ratio": 1.2363636493682861, "no_speech_prob": 0.00985979475080967
                }
              ]
            }
            """;

    private static final String INVALID_KEY = """
            {"error": {"message": "Incorrect API key provided: sk-wrong.", "type": "invalid_request_error",
                       "param": null, "code": "invalid_api_key"}}
            """;

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicReference<Recorded> received = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String answer = VERBOSE_JSON;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.set(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void postsTheFileAsMultipartAndReadsVerboseJson() throws IOException {
        byte[] audio = new byte[70_000];
        Arrays.fill(audio, (byte) 0x7F);
        audio[0] = 'I';
        audio[1] = 'D';
        audio[2] = '3';
        Path file = Files.write(dir.resolve("talk.mp3"), audio);

        Transcript transcript = transcriber(Duration.ofSeconds(5)).transcribe(file, 60.0);

        Recorded request = received.get();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(request.authorization()).isEqualTo("Bearer sk-test");
        assertThat(request.contentType()).startsWith("multipart/form-data; boundary=");
        Map<String, Part> parts = request.parts();
        assertThat(parts).containsOnlyKeys("model", "response_format", "timestamp_granularities[]", "file");
        assertThat(parts.get("model").text()).isEqualTo("whisper-1");
        assertThat(parts.get("response_format").text()).isEqualTo("verbose_json");
        assertThat(parts.get("timestamp_granularities[]").text()).isEqualTo("segment");
        assertThat(parts.get("file").headers()).contains("filename=\"talk.mp3\"");
        assertThat(parts.get("file").body()).isEqualTo(audio);

        assertThat(transcript.text()).startsWith("The beach was a popular spot").endsWith("beach volleyball.");
        assertThat(transcript.language()).isEqualTo("en");
        assertThat(transcript.provider()).isEqualTo("openai-compatible:whisper-1");
        assertThat(transcript.segments()).containsExactly(
                new Segment(60.0, 60 + 3.319999933242798, "The beach was a popular spot on a hot summer day."),
                new Segment(60 + 3.319999933242798, 60 + 8.470000267028809,
                        "People were swimming in the ocean, building sandcastles, and playing beach volleyball."));
    }

    @Test
    void rateLimitsAndOutagesAreWorthRetrying() throws IOException {
        Path file = Files.write(dir.resolve("a.wav"), new byte[16]);
        answer = "{\"error\": {\"message\": \"Rate limit reached for whisper-1\", \"type\": \"requests\"}}";

        for (int transient_ : new int[] {429, 500, 503}) {
            status = transient_;
            assertThatThrownBy(() -> transcriber(Duration.ofSeconds(5)).transcribe(file, 0))
                    .isInstanceOf(TranscriptionUnavailable.class)
                    .hasMessageContaining(String.valueOf(transient_));
        }
    }

    @Test
    void aProviderThatNeverAnswersTimesOutAsWorthRetrying() throws IOException {
        Path file = Files.write(dir.resolve("a.wav"), new byte[16]);
        // The OS accepts the connection into the backlog; nobody ever reads the request or answers.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI base = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/v1");
            OpenAiTranscriber transcriber = new OpenAiTranscriber(base, "sk-test", "whisper-1", Duration.ofMillis(300));

            assertThatThrownBy(() -> transcriber.transcribe(file, 0)).isInstanceOf(TranscriptionUnavailable.class);
        }
    }

    @Test
    void rejectedRequestsFailTheStepWithTheProvidersMessageInTheDetailOnly() throws IOException {
        Path file = Files.write(dir.resolve("a.wav"), new byte[16]);
        status = 401;
        answer = INVALID_KEY;

        // Tenants read the status; the provider's words (about the operator's key) are for the log.
        assertThatThrownBy(() -> transcriber(Duration.ofSeconds(5)).transcribe(file, 0))
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
                    assertThat(e.detail()).contains("Incorrect API key provided");
                })
                .hasMessageContaining("401")
                .hasMessageNotContaining("API key");

        status = 413;
        answer = "<html><body>413 Request Entity Too Large</body></html>";
        assertThatThrownBy(() -> transcriber(Duration.ofSeconds(5)).transcribe(file, 0))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.detail()).contains("Request Entity Too Large"))
                .hasMessageContaining("HTTP 413");
    }

    @Test
    void languageNamesBecomeIsoCodes() {
        assertThat(OpenAiTranscriber.languageCode("english")).isEqualTo("en");
        assertThat(OpenAiTranscriber.languageCode("German")).isEqualTo("de");
        assertThat(OpenAiTranscriber.languageCode("fr")).isEqualTo("fr");
        assertThat(OpenAiTranscriber.languageCode(null)).isNull();
    }

    private OpenAiTranscriber transcriber(Duration timeout) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        return new OpenAiTranscriber(base, "sk-test", "whisper-1", timeout);
    }

    private record Recorded(String method, String path, String authorization, String contentType, byte[] body) {

        /** A minimal multipart/form-data reader: enough to check what we sent, byte for byte. */
        Map<String, Part> parts() {
            String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
            // ISO-8859-1 maps every byte to one char, so offsets in the string are offsets in the bytes.
            String raw = new String(body, StandardCharsets.ISO_8859_1);
            Map<String, Part> parts = new LinkedHashMap<>();
            String delimiter = "--" + boundary;
            assertThat(raw).startsWith(delimiter + "\r\n").endsWith("\r\n" + delimiter + "--\r\n");
            for (String piece : raw.substring(0, raw.lastIndexOf("\r\n" + delimiter + "--")).split("\r\n" + delimiter + "\r\n|^" + delimiter + "\r\n")) {
                if (piece.isEmpty()) {
                    continue;
                }
                int split = piece.indexOf("\r\n\r\n");
                String headers = piece.substring(0, split);
                String name = headers.replaceAll("(?s).*?; name=\"([^\"]*)\".*", "$1");
                parts.put(name, new Part(headers, piece.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1)));
            }
            return parts;
        }
    }

    private record Part(String headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
