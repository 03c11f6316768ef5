package io.aegis.media.audio;

import io.aegis.media.MediaProperties;
import io.aegis.media.Scratch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Cuts the speech WAV into chunks of about {@code chunk-seconds}, each cut at the quietest moment nearby
 * so no word is split, for the transcribe route to recognise in parallel. Body: the list of chunks.
 */
@Component("audioChunker")
public class AudioChunker implements Processor {

    private final WavChunker chunker = new WavChunker();
    private final MediaProperties media;

    public AudioChunker(MediaProperties media) {
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Path wav = exchange.getProperty(SpeechLoader.SPEECH, Path.class);
        Path outDir = Files.createDirectories(Scratch.of(exchange, media.workDir()).resolve("chunks"));
        var transcribe = media.transcribe();
        exchange.getMessage().setBody(chunker.split(wav, transcribe.chunkSeconds(), transcribe.searchSeconds(), outDir));
    }
}
