package io.aegis.api;

import io.aegis.platform.AwsOutage;
import io.aegis.platform.Problem;
import io.aegis.platform.ResourceNames;
import io.aegis.platform.Roles;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The REST API (design.md §4) on platform-http. Authentication and scopes are enforced by Spring Security
 * before a request reaches these routes; the routes scope every read to the caller's tenant.
 */
@Component
public class ApiRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);

    private final ApiResponses responses;
    private final ResourceNames names;
    private final Roles roles;

    public ApiRoutes(ApiResponses responses, ResourceNames names, Roles roles) {
        this.responses = responses;
        this.names = names;
        this.roles = roles;
    }

    @Override
    public void configure() {
        if (!roles.has(Roles.API)) {
            return;
        }
        onException(ApiProblem.class).handled(true)
                .process(e -> responses.problem(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, ApiProblem.class)));
        onException(SdkException.class).onWhen(AwsOutage::matches).handled(true).process("outageResponder");
        onException(Exception.class).handled(true)
                .process(e -> {
                    log.error("API call failed", e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
                    responses.problem(e, Problem.of(500, "Internal error", "the request could not be completed"));
                });

        rest("/v1").description("Aegis media-intelligence API")
                .post("/upload").routeId("api.upload")
                    .description("Upload a file (multipart field 'file'): an image (JPEG, PNG, GIF, WebP, TIFF, BMP, HEIC/HEIF, AVIF, "
                            + "SVG), a video, a recording, a PDF, an office document or e-book (DOCX, XLSX, PPTX, ODT, ODS, "
                            + "ODP, EPUB, RTF, HTML) or text, told apart by its bytes; answers 202 with the job to poll")
                    .consumes("multipart/form-data").produces("application/json")
                    .param().name("priority").type(org.apache.camel.model.rest.RestParamType.query)
                        .description("'high' for the priority queue").required(false).endParam()
                    .param().name(IdempotencyKeyReserver.HEADER).type(org.apache.camel.model.rest.RestParamType.header)
                        .description("1-255 printable ASCII characters; a repeat within 24 h answers with the first job")
                        .required(false).endParam()
                    .to("direct:api-upload")
                .post("/uploads").routeId("api.presign-upload")
                    .description("Start a direct upload of a large file: declare filename, contentType and sizeBytes; "
                            + "answers 201 with a presigned PUT URL (uploadUrl, expiresAt, the headers to send). "
                            + "PUT exactly sizeBytes bytes there with that Content-Type; the job starts when the "
                            + "object lands, and ends FAILED UPLOAD_EXPIRED if it never does")
                    .consumes("application/json").produces("application/json")
                    .param().name("body").type(org.apache.camel.model.rest.RestParamType.body)
                        .description("{\"filename\": \"clip.mp4\", \"contentType\": \"video/mp4\", "
                                + "\"sizeBytes\": 73400320}").required(true).endParam()
                    .responseMessage().code(201)
                        .message("{jobId, assetId, uploadUrl, expiresAt, method, headers, sizeBytes, links}")
                        .endResponseMessage()
                    .responseMessage().code(413).message("sizeBytes over the upload limit").endResponseMessage()
                    .to("direct:api-presign-upload")
                .get("/jobs/{jobId}").routeId("api.get-job")
                    .description("A job's status, steps and error").produces("application/json")
                    .to("direct:api-get-job")
                .delete("/jobs/{jobId}").routeId("api.cancel-job")
                    .description("Cancel a job that has not ended: it becomes CANCELLED").produces("application/json")
                    .to("direct:api-cancel-job")
                .get("/jobs").routeId("api.list-jobs")
                    .description("The caller's jobs, newest first; query status, limit (1-100), cursor")
                    .produces("application/json")
                    .to("direct:api-list-jobs")
                .get("/assets/{assetId}").routeId("api.get-asset")
                    .description("An asset: metadata, renditions (thumbnails; pages.json and text.txt for PDFs and documents) and AI insights").produces("application/json")
                    .to("direct:api-get-asset")
                .get("/search").routeId("api.search")
                    .description("The caller's assets that match q by meaning or words, above the relevance floor, best first, one per asset with the passage that matched")
                    .produces("application/json")
                    .param().name("q").type(org.apache.camel.model.rest.RestParamType.query)
                        .description("what to search for, 1-500 characters").required(true).endParam()
                    .param().name("limit").type(org.apache.camel.model.rest.RestParamType.query)
                        .description("assets to return, 1-50 (default 10)").required(false).endParam()
                    .to("direct:api-search");

        // Operators only (scope admin, enforced by SecurityConfiguration); DLQs hold every tenant's messages.
        rest("/v1/admin").description("Aegis operations API")
                .get("/dlq").routeId("api.admin-dlq")
                    .description("Each queue's DLQ: depth and up to 10 messages with their failure, not consumed")
                    .produces("application/json")
                    .to("direct:api-admin-dlq")
                .post("/dlq/{queue}/redrive").routeId("api.admin-redrive")
                    .description("Reopen the failed jobs of a queue's DLQ and move its messages back to the queue")
                    .produces("application/json")
                    .to("direct:api-admin-redrive")
                .get("/routes").routeId("api.admin-routes")
                    .description("The YAML route files running in this process: content hash, route ids, last reload")
                    .produces("application/json")
                    .to("direct:api-admin-routes")
                .post("/routes/reload").routeId("api.admin-reload-routes")
                    .description("Apply changed, added and deleted YAML route files now (validated, swapped one by one)")
                    .produces("application/json")
                    .to("direct:api-admin-reload-routes");

        from("direct:api-upload").routeId("api.store-upload")
                .process("callerIdentity")
                .process("uploadReceiver")
                // Before anything is stored: a repeated Idempotency-Key is answered with the first upload's job.
                .process("idempotencyKeyReserver")
                .filter(exchangeProperty(IdempotencyKeyReserver.REPLAY).isNotEqualTo(true))
                    // Streams the spooled file to S3 with its known length: never buffered in the heap.
                    .to("aws2-s3://" + names.buckets().raw() + "?autoCreateBucket=false")
                    .to("direct:create-job")
                .end()
                .process("uploadResponder");

        from("direct:api-presign-upload").routeId("api.issue-upload-url")
                .process("callerIdentity").process("presignedUploadIssuer");
        from("direct:api-get-job").routeId("api.read-job").process("callerIdentity").process("jobReader");
        from("direct:api-cancel-job").routeId("api.run-cancel").process("callerIdentity").process("jobCanceller");
        from("direct:api-list-jobs").routeId("api.read-jobs").process("callerIdentity").process("jobLister");
        from("direct:api-get-asset").routeId("api.read-asset").process("callerIdentity").process("assetReader");
        from("direct:api-search").routeId("api.run-search").process("callerIdentity").process("searchResponder");
        from("direct:api-admin-dlq").routeId("api.read-dlq").process("deadLetterLister");
        from("direct:api-admin-redrive").routeId("api.run-redrive").process("deadLetterRedriver");
        from("direct:api-admin-routes").routeId("api.read-routes").process("routeFilesLister");
        from("direct:api-admin-reload-routes").routeId("api.run-route-reload").process("routeReloadTrigger");
    }
}
