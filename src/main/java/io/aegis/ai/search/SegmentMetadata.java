package io.aegis.ai.search;

/**
 * Metadata keys of every stored passage: search filters on {@link #TENANT}, re-embedding removes by {@link #ASSET_ID};
 * {@link #PAGE}, {@link #START} and {@link #END} say where the passage came from when it has a place.
 */
public final class SegmentMetadata {

    public static final String TENANT = "tenant";
    public static final String ASSET_ID = "assetId";
    public static final String JOB_ID = "jobId";
    public static final String SOURCE = "source";
    public static final String PAGE = "page";
    public static final String START = "start";
    public static final String END = "end";

    private SegmentMetadata() {
    }
}
