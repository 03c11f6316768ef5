package io.aegis.media.audio;

import io.aegis.media.ToolExecutor;
import io.aegis.platform.AegisHeaders;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The transcribe step: the speech WAV is cut at quiet moments into chunks, the chunks are recognised in
 * parallel (pocketsphinx through camel-exec offline, or an OpenAI-compatible API), then stitched in order
 * into the transcript, its WebVTT captions and the text summarize reads.
 */
@Component
public class TranscribeRoutes extends RouteBuilder {

    private final ExecutorService transcribePool;
    private final SpeechLoader speechLoader;
    private final AudioChunker audioChunker;
    private final CloudChunkTranscriber cloudChunkTranscriber;
    private final PocketsphinxChunkCommand pocketsphinxChunkCommand;
    private final ChunkTranscriptReader chunkTranscriptReader;
    private final TranscriptRecorder transcriptRecorder;

    public TranscribeRoutes(ExecutorService transcribePool, SpeechLoader speechLoader, AudioChunker audioChunker,
                            CloudChunkTranscriber cloudChunkTranscriber,
                            PocketsphinxChunkCommand pocketsphinxChunkCommand,
                            ChunkTranscriptReader chunkTranscriptReader, TranscriptRecorder transcriptRecorder) {
        this.transcribePool = transcribePool;
        this.speechLoader = speechLoader;
        this.audioChunker = audioChunker;
        this.cloudChunkTranscriber = cloudChunkTranscriber;
        this.pocketsphinxChunkCommand = pocketsphinxChunkCommand;
        this.chunkTranscriptReader = chunkTranscriptReader;
        this.transcriptRecorder = transcriptRecorder;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        from("direct:step-transcribe").routeId("media.transcribe")
                .process(speechLoader)
                .filter(exchangeProperty(AegisHeaders.STEP_SKIPPED).isNull())
                    .process(audioChunker)
                    .split(body(), AggregationStrategies.flexible(ChunkTranscript.class)
                            .accumulateInCollection(ArrayList.class))
                        .parallelProcessing().executorService(transcribePool).stopOnException()
                        .choice()
                            .when(simple("'{{aegis.media.transcribe.provider}}' == 'openai'"))
                                .process(cloudChunkTranscriber)
                            .otherwise()
                                .process(pocketsphinxChunkCommand)
                                .to(ToolExecutor.endpoint("pocketsphinx_continuous"))
                                .process(chunkTranscriptReader)
                        .end()
                    .end()
                    .process(transcriptRecorder)
                .end();
    }
}
