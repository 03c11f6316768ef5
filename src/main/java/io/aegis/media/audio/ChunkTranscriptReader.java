package io.aegis.media.audio;

import io.aegis.media.ToolRun;
import io.aegis.state.ErrorCode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Reads pocketsphinx's timed words for one chunk, shifted to the chunk's place in the recording. */
@Component("chunkTranscriptReader")
public class ChunkTranscriptReader implements Processor {

    private final PocketsphinxOutput parser = new PocketsphinxOutput();

    @Override
    public void process(Exchange exchange) {
        AudioChunk chunk = exchange.getProperty(PocketsphinxChunkCommand.CHUNK, AudioChunk.class);
        String stdout = ToolRun.require(exchange, "pocketsphinx", ErrorCode.CORRUPT_MEDIA);
        exchange.getMessage().setBody(new ChunkTranscript(chunk.index(), parser.parse(stdout, chunk.startSeconds())));
    }
}
