package io.aegis.media.audio;

import io.aegis.media.MediaProperties;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Sends one chunk to the configured OpenAI-compatible transcription API. Chunking keeps each request under
 * the providers' upload limits (25 MB at OpenAI) and lets chunks travel in parallel.
 */
@Component("cloudChunkTranscriber")
public class CloudChunkTranscriber implements Processor {

    private final OpenAiTranscriber transcriber;

    public String provider() {
        return transcriber.provider();
    }

    public CloudChunkTranscriber(MediaProperties media) {
        var openai = media.transcribe().openai();
        this.transcriber = new OpenAiTranscriber(URI.create(openai.baseUrl()), openai.apiKey(), openai.model(),
                openai.timeout());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AudioChunk chunk = exchange.getMessage().getMandatoryBody(AudioChunk.class);
        var transcript = transcriber.transcribe(chunk.file(), chunk.startSeconds());
        exchange.getMessage().setBody(new ChunkTranscript(chunk.index(), transcript.segments()));
    }
}
