package io.aegis.ai.search;

/** Metadata keys of every stored chunk: search filters on {@link #TENANT}, re-embedding removes by {@link #ASSET_ID}. */
public final class SegmentMetadata {

    public static final String TENANT = "tenant";
    public static final String ASSET_ID = "assetId";
    public static final String JOB_ID = "jobId";
    public static final String SOURCE = "source";

    private SegmentMetadata() {
    }
}
