package io.aegis.media.audio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.media.MediaProperties;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import io.aegis.state.Insights;
import io.aegis.state.ItemBounds;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.TextRendition;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Stitches the chunk transcripts in order and stores the result: {@code transcript.json} (every timed
 * segment), {@code captions.vtt} (WebVTT for players), {@code text.txt} (for summarize, a segment a line), and the transcript
 * insight with the provider that made it. The insight keeps an excerpt: at most {@code max-stored-segments} segments
 * and {@code max-stored-chars} characters of text (flagged {@code truncated}), because a DynamoDB item is capped at
 * 400 KB; the files hold it all, whatever its length.
 */
@Component("transcriptRecorder")
public class TranscriptRecorder implements Processor {


    private final TranscriptStitcher stitcher = new TranscriptStitcher();
    private final WebVtt webVtt = new WebVtt();
    private final ProcessedObjects processed;
    private final AssetStore assets;
    private final MediaProperties media;
    private final CloudChunkTranscriber cloud;
    private final ObjectMapper json;

    public TranscriptRecorder(ProcessedObjects processed, AssetStore assets, MediaProperties media,
                              CloudChunkTranscriber cloud, ObjectMapper json) {
        this.processed = processed;
        this.assets = assets;
        this.media = media;
        this.cloud = cloud;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        @SuppressWarnings("unchecked")
        List<ChunkTranscript> chunks = exchange.getMessage().getMandatoryBody(List.class);
        boolean offline = !"openai".equals(media.transcribe().provider());
        Insights.Transcript transcript = stitcher.stitch(chunks, offline ? PocketsphinxCommand.LANGUAGE : null,
                offline ? PocketsphinxCommand.PROVIDER : cloud.provider());

        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        Asset.Rendition transcriptRendition = processed.putRendition(tenant, assetId, TextRendition.TRANSCRIPT,
                json.writeValueAsString(transcript));
        Asset.Rendition captionsRendition = processed.putRendition(tenant, assetId, TextRendition.CAPTIONS,
                webVtt.render(transcript.segments()));
        // One utterance a line: speech has no punctuation, so lines are what the summarizer can take as sentences.
        // The asset shows the transcript, not this text: the rendition is not recorded.
        processed.putRendition(tenant, assetId, TextRendition.TEXT, transcript.segments().stream()
                .map(Insights.Segment::text).collect(java.util.stream.Collectors.joining("\n")));

        Insights.Transcript stored = excerpt(transcript, media.transcribe().maxStoredSegments(),
                media.transcribe().maxStoredChars());
        assets.update(assetId, asset -> asset
                .withRendition(transcriptRendition)
                .withRendition(captionsRendition)
                .withInsights(transcript.text().isBlank()
                        ? asset.insights().withUnavailable("transcript", transcript.provider() + " recognised no speech")
                        : asset.insights().withTranscript(stored)));
        exchange.getMessage().setBody(null);
    }

    /** The first segments and characters of the transcript, within both bounds; {@code truncated} when not all. */
    static Insights.Transcript excerpt(Insights.Transcript transcript, int maxSegments, int maxChars) {
        String text = ItemBounds.excerpt(transcript.text(), maxChars);
        int chars = 0;
        int keep = 0;
        for (Insights.Segment segment : transcript.segments()) {
            int length = segment.text() == null ? 0 : segment.text().length();
            if (keep == maxSegments || chars + length > maxChars) {
                break;
            }
            chars += length;
            keep++;
        }
        boolean truncated = text.length() < transcript.text().length() || keep < transcript.segments().size();
        return new Insights.Transcript(text, transcript.language(), transcript.provider(),
                transcript.segments().subList(0, keep), truncated ? Boolean.TRUE : null);
    }
}
