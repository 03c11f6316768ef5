package io.aegis.platform;

/**
 * Exchange headers that carry a job through the routes: the contract between Java processors and the
 * YAML routes in routes/ (listed in routes/README.md).
 */
public final class AegisHeaders {

    public static final String JOB_ID = "aegis.jobId";
    public static final String TENANT = "aegis.tenant";
    public static final String ASSET_ID = "aegis.assetId";
    public static final String RAW_KEY = "aegis.rawKey";
    public static final String MEDIA_TYPE = "aegis.mediaType";
    public static final String MIME_TYPE = "aegis.mimeType";
    public static final String SIZE_BYTES = "aegis.sizeBytes";
    /** The caller's file name, made safe for an object key. */
    public static final String FILENAME = "aegis.filename";
    /** "high" sends the job to the priority queue. */
    public static final String PRIORITY = "aegis.priority";
    /** The step being run (validate, metadata, summarize, ...). */
    public static final String STEP = "aegis.step";
    /** Comma-separated steps the dispatch route chose for this media kind. */
    public static final String PLAN = "aegis.plan";
    /** The worker queue the next step goes to, set by the plan advancer. */
    public static final String NEXT_QUEUE = "aegis.nextQueue";

    /** "true" when the file has an audio track (set by the metadata step for audio and video). */
    public static final String HAS_AUDIO = "aegis.hasAudio";
    /** Comma-separated long-side sizes of thumbnails, set by routes/thumbnail-sizes.yaml. */
    public static final String THUMBNAIL_SIZES = "aegis.thumbnailSizes";

    /** A step declared in routes/steps/ records the file of this name in its scratch directory as a rendition. */
    public static final String RENDITION = "aegis.rendition";
    /** A step declared in routes/steps/ records the body (JSON) as its insight of this name. */
    public static final String INSIGHT = "aegis.insight";
    /** Why the insight in {@link #INSIGHT} could not be made (no model offline): it is recorded as null with this reason. */
    public static final String INSIGHT_UNAVAILABLE = "aegis.insightUnavailable";
    /** The still picture of the media in a declared step's scratch directory: the image, or a video's poster. */
    public static final String PICTURE = "aegis.picture";
    /** A declared step's instructions to the model (routes/steps/extract-fields.yaml). */
    public static final String PROMPT = "aegis.prompt";
    /** Set when the model's answer broke the insight's schema and one repair turn is to be asked for. */
    public static final String REPAIR = "aegis.repair";

    /** Exchange property: the metadata a probe found (a Jackson ObjectNode), stored by the metadata step. */
    public static final String METADATA = "aegis.metadata";
    /** Exchange property: why the current step had nothing to do; the step is then SKIPPED, not SUCCEEDED. */
    public static final String STEP_SKIPPED = "aegis.stepSkipped";

    private AegisHeaders() {
    }
}
