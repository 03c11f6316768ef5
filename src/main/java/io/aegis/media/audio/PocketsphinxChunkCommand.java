package io.aegis.media.audio;

import io.aegis.media.MediaProperties;
import io.aegis.media.ToolRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Prepares pocketsphinx on one chunk (the body); the chunk is kept for the reader to place its times. */
@Component("pocketsphinxChunkCommand")
public class PocketsphinxChunkCommand implements Processor {

    static final String CHUNK = "aegis.audioChunk";

    private final MediaProperties media;

    public PocketsphinxChunkCommand(MediaProperties media) {
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AudioChunk chunk = exchange.getMessage().getMandatoryBody(AudioChunk.class);
        exchange.setProperty(CHUNK, chunk);
        ToolRun.prepare(exchange, media.tools().pocketsphinx(), PocketsphinxCommand.arguments(chunk.file()),
                chunk.file().getParent(), media.toolTimeout());
    }
}
