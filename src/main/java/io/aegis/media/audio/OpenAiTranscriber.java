package io.aegis.media.audio;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aegis.state.ErrorCode;
import io.aegis.state.Insights;
import io.aegis.state.StepFailure;

/**
 * Transcribes through any OpenAI-compatible {@code POST /audio/transcriptions} (OpenAI, Groq, local Whisper
 * servers). {@code baseUrl} ends with the API version, as the OpenAI SDKs expect: {@code https://api.openai.com/v1}.
 * Throttling, outages and timeouts throw {@link TranscriptionUnavailable} (retry later); rejected requests throw
 * {@link StepFailure} (retrying the same file cannot help).
 */
public final class OpenAiTranscriber {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_CHARS = 300;

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final Duration timeout;
    private final HttpClient http;

    public OpenAiTranscriber(URI baseUrl, String apiKey, String model, Duration timeout) {
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "audio/transcriptions");
        this.apiKey = apiKey;
        this.model = model;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String provider() {
        return "openai-compatible:" + model;
    }

    /** Segment times are shifted by {@code offsetSeconds}, where this file starts in the whole recording. */
    public Insights.Transcript transcribe(Path audioFile, double offsetSeconds) {
        HttpResponse<String> response = send(audioFile);
        int status = response.statusCode();
        if (status == 429 || status == 408 || status >= 500) {
            throw new TranscriptionUnavailable(describe(response));
        }
        if (status != 200) {
            // The provider's words (keys, accounts) are for the log, not the tenant.
            throw new StepFailure(ErrorCode.PROVIDER_UNAVAILABLE, provider() + " refused the request (HTTP " + status + ")")
                    .withDetail(describe(response));
        }
        return parse(response.body(), offsetSeconds);
    }

    private HttpResponse<String> send(Path audioFile) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .POST(MultipartBody.of(audioFile, model))
                .header("Content-Type", "multipart/form-data; boundary=" + MultipartBody.BOUNDARY)
                .header("Accept", "application/json");
        // Local Whisper servers usually need no key.
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TranscriptionUnavailable("Transcription request to " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptionUnavailable("Interrupted while waiting for " + endpoint, e);
        }
    }

    private Insights.Transcript parse(String body, double offsetSeconds) {
        VerboseJson json;
        try {
            json = JSON.readValue(body, VerboseJson.class);
        } catch (JsonProcessingException e) {
            throw new StepFailure(ErrorCode.PROVIDER_UNAVAILABLE, provider() + " answered with unreadable JSON")
                    .withDetail(abbreviate(body));
        }
        List<Insights.Segment> segments = json.segments() == null ? List.of() : json.segments().stream()
                .map(s -> new Insights.Segment(s.start() + offsetSeconds, s.end() + offsetSeconds, s.text() == null ? "" : s.text().strip()))
                .toList();
        String text = json.text() == null ? "" : json.text().strip();
        return new Insights.Transcript(text, languageCode(json.language()), provider(), segments);
    }

    private String describe(HttpResponse<String> response) {
        return provider() + " answered HTTP " + response.statusCode() + ": " + errorMessage(response.body());
    }

    /** OpenAI-style errors are {@code {"error": {"message": ...}}}; other servers send plain text. */
    private static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // Not JSON: fall through to the raw body.
        }
        return abbreviate(body);
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_ERROR_CHARS ? oneLine : oneLine.substring(0, MAX_ERROR_CHARS) + "…";
    }

    /** OpenAI's verbose_json names the language in English ("english"); the rest of Aegis uses ISO 639-1 codes. */
    static String languageCode(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String name = language.strip();
        for (String code : Locale.getISOLanguages()) {
            if (code.equalsIgnoreCase(name) || Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH)
                    .equalsIgnoreCase(name)) {
                return code;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record VerboseJson(String text, String language, List<SegmentJson> segments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record SegmentJson(double start, double end, String text) {
    }

    /** A multipart/form-data body whose file part is streamed from disk rather than read into memory. */
    private static final class MultipartBody {

        static final String BOUNDARY = "aegis-" + UUID.randomUUID();

        static HttpRequest.BodyPublisher of(Path audioFile, String model) {
            String fields = field("model", model)
                    + field("response_format", "verbose_json")
                    + field("timestamp_granularities[]", "segment");
            String fileName = audioFile.getFileName().toString().replaceAll("[\"\\\\\\r\\n]", "_");
            // The servers tell the format from the file name's extension, so the part's type can stay generic.
            String fileHead = "--" + BOUNDARY + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n";
            String tail = "\r\n--" + BOUNDARY + "--\r\n";
            try {
                return HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray((fields + fileHead).getBytes(StandardCharsets.UTF_8)),
                        HttpRequest.BodyPublishers.ofFile(audioFile),
                        HttpRequest.BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8)));
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException("Audio file not found: " + audioFile, e);
            }
        }

        private static String field(String name, String value) {
            return "--" + BOUNDARY + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                    + value + "\r\n";
        }
    }
}
