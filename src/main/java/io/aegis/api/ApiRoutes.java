package io.aegis.api;

import io.aegis.routefiles.RouteFilesReport;
import io.aegis.platform.aws.AwsOutage;
import io.aegis.platform.Problem;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.platform.Roles;
import org.apache.camel.Exchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.model.rest.VerbDefinition;
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
    private static final String JSON = "application/json";

    private final ApiResponses responses;
    private final ResourceNames names;
    private final Roles roles;
    private final OutageResponder outageResponder;
    private final CallerIdentity callerIdentity;
    private final UploadReceiver uploadReceiver;
    private final IdempotencyKeyReserver idempotencyKeyReserver;
    private final UploadResponder uploadResponder;
    private final PresignedUploadIssuer presignedUploadIssuer;
    private final JobReader jobReader;
    private final JobCanceller jobCanceller;
    private final JobLister jobLister;
    private final AssetReader assetReader;
    private final AssetRemover assetRemover;
    private final ReprocessRequester reprocessRequester;
    private final MultipartUploadCalls multipartUploadCalls;
    private final WebhookCalls webhookCalls;
    private final BulkReprocessor bulkReprocessor;
    private final SearchResponder searchResponder;
    private final DeadLetterLister deadLetterLister;
    private final DeadLetterRedriver deadLetterRedriver;
    private final RouteFilesLister routeFilesLister;
    private final RouteReloadTrigger routeReloadTrigger;
    private final ApiDocument apiDocument;

    public ApiRoutes(ApiResponses responses, ResourceNames names, Roles roles,
                     OutageResponder outageResponder,
                     CallerIdentity callerIdentity,
                     UploadReceiver uploadReceiver,
                     IdempotencyKeyReserver idempotencyKeyReserver,
                     UploadResponder uploadResponder,
                     PresignedUploadIssuer presignedUploadIssuer,
                     JobReader jobReader,
                     JobCanceller jobCanceller,
                     JobLister jobLister,
                     AssetReader assetReader,
                     AssetRemover assetRemover,
                     ReprocessRequester reprocessRequester,
                     MultipartUploadCalls multipartUploadCalls,
                     WebhookCalls webhookCalls,
                     BulkReprocessor bulkReprocessor,
                     SearchResponder searchResponder,
                     DeadLetterLister deadLetterLister,
                     DeadLetterRedriver deadLetterRedriver,
                     RouteFilesLister routeFilesLister,
                     RouteReloadTrigger routeReloadTrigger,
                     ApiDocument apiDocument) {
        this.responses = responses;
        this.names = names;
        this.roles = roles;
        this.outageResponder = outageResponder;
        this.callerIdentity = callerIdentity;
        this.uploadReceiver = uploadReceiver;
        this.idempotencyKeyReserver = idempotencyKeyReserver;
        this.uploadResponder = uploadResponder;
        this.presignedUploadIssuer = presignedUploadIssuer;
        this.jobReader = jobReader;
        this.jobCanceller = jobCanceller;
        this.jobLister = jobLister;
        this.assetReader = assetReader;
        this.assetRemover = assetRemover;
        this.reprocessRequester = reprocessRequester;
        this.multipartUploadCalls = multipartUploadCalls;
        this.webhookCalls = webhookCalls;
        this.bulkReprocessor = bulkReprocessor;
        this.searchResponder = searchResponder;
        this.deadLetterLister = deadLetterLister;
        this.deadLetterRedriver = deadLetterRedriver;
        this.routeFilesLister = routeFilesLister;
        this.routeReloadTrigger = routeReloadTrigger;
        this.apiDocument = apiDocument;
    }

    @Override
    public void configure() {
        if (!roles.has(Roles.API)) {
            return;
        }
        onException(ApiProblem.class).handled(true)
                .process(e -> responses.problem(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, ApiProblem.class)));
        onException(SdkException.class).onWhen(AwsOutage::matches).handled(true).process(outageResponder);
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
                    .consumes("multipart/form-data").produces(JSON)
                    .type(UploadForm.class)
                    .param().name("body").type(RestParamType.body).description("the file, as multipart field 'file'")
                        .required(true).endParam()
                    .param().name("priority").type(RestParamType.query)
                        .description("'high' for the priority queue").required(false).endParam()
                    .param().name(IdempotencyKeyReserver.HEADER).type(RestParamType.header)
                        .description("1-255 printable ASCII characters; a repeat within 24 h answers with the first job")
                        .required(false).endParam()
                    .responseMessage().code(202).message("accepted: the job to poll (or, for a repeated Idempotency-Key, "
                            + "the first upload's job)").responseModel(UploadAccepted.class).endResponseMessage()
                    .responseMessage().code(409).message("an upload with this Idempotency-Key is still being stored")
                        .responseModel(Problem.class).endResponseMessage()
                    .to("direct:api-upload")
                .post("/uploads").routeId("api.presign-upload")
                    .description("Start a direct upload of a large file: declare filename, contentType and sizeBytes; "
                            + "answers 201 with a presigned PUT URL (uploadUrl, expiresAt, the headers to send). "
                            + "PUT exactly sizeBytes bytes there with that Content-Type; the job starts when the "
                            + "object lands, and ends FAILED UPLOAD_EXPIRED if it never does. Over the multipart "
                            + "threshold the answer is a multipart upload instead (as GET /v1/uploads/{jobId} shows it)")
                    .consumes(JSON).produces(JSON)
                    .type(UploadRequest.class)
                    .param().name("body").type(RestParamType.body)
                        .description("what the client is about to PUT, e.g. {\"filename\": \"clip.mp4\", "
                                + "\"contentType\": \"video/mp4\", \"sizeBytes\": 73400320}").required(true).endParam()
                    .responseMessage().code(201).message("the URL to PUT the file to (a multipart upload over the threshold)")
                        .responseModel(UploadUrlIssued.class).endResponseMessage()
                    .responseMessage().code(413).message("sizeBytes over the upload limit")
                        .responseModel(Problem.class).endResponseMessage()
                    .to("direct:api-presign-upload")
                .get("/jobs/{jobId}").routeId("api.get-job")
                    .description("A job's status, steps and error").produces(JSON)
                    .param().name("jobId").type(RestParamType.path).description("the job's id").endParam()
                    .outType(JobView.class)
                    .to("direct:api-get-job")
                .delete("/jobs/{jobId}").routeId("api.cancel-job")
                    .description("Cancel a job that has not ended: it becomes CANCELLED").produces(JSON)
                    .param().name("jobId").type(RestParamType.path).description("the job's id").endParam()
                    .outType(JobView.class)
                    .responseMessage().code(409).message("the job has already ended").responseModel(Problem.class)
                        .endResponseMessage()
                    .to("direct:api-cancel-job")
                .get("/jobs").routeId("api.list-jobs")
                    .description("The caller's jobs, newest first; query status, limit (1-100), cursor")
                    .produces(JSON)
                    .param().name("status").type(RestParamType.query).required(false)
                        .description("only jobs in this status (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, ...)")
                        .endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                        .description("jobs per page, 1-100").endParam()
                    .param().name("cursor").type(RestParamType.query).required(false)
                        .description("the nextCursor of the previous page").endParam()
                    .outType(JobList.class)
                    .responseMessage().code(400).message("status, limit or cursor not valid").responseModel(Problem.class)
                        .endResponseMessage()
                    .to("direct:api-list-jobs")
                .get("/assets/{assetId}").routeId("api.get-asset")
                    .description("An asset: metadata, renditions (thumbnails; pages.json and text.txt for PDFs and "
                            + "documents), AI insights (while a reprocessing job runs, still the ones from before it), "
                            + "its versions (job, plan, models) and any reprocessing under way")
                    .produces(JSON)
                    .param().name("assetId").type(RestParamType.path).description("the asset's id").endParam()
                    .outType(AssetView.class)
                    .to("direct:api-get-asset")
                .delete("/assets/{assetId}").routeId("api.delete-asset")
                    .description("Delete an asset: its original and renditions (every S3 version), its jobs, its "
                            + "search entries and any upload still awaited; then asset.deleted is sent to webhooks")
                    .produces(JSON)
                    .param().name("assetId").type(RestParamType.path).description("the asset's id").endParam()
                    .responseMessage().code(204).message("deleted").endResponseMessage()
                    .to("direct:api-delete-asset")
                .post("/assets/{assetId}/reprocess").routeId("api.reprocess-asset")
                    .description("Run a new job over the stored original: the whole plan of its media kind, or "
                            + "{\"steps\": [...]} of it. The asset keeps its insights until the new job succeeds")
                    .consumes(JSON).produces(JSON)
                    .param().name("assetId").type(RestParamType.path).description("the asset's id").endParam()
                    .type(ReprocessRequester.Request.class)
                    .param().name("body").type(RestParamType.body)
                        .description("optional: {\"steps\": [\"summarize\", \"embed\"]}").required(false).endParam()
                    .responseMessage().code(202).message("the new job").responseModel(UploadAccepted.class)
                        .endResponseMessage()
                    .responseMessage().code(409).message("a job of the asset has not ended").responseModel(Problem.class)
                        .endResponseMessage()
                    .to("direct:api-reprocess-asset")
                .post("/uploads/{jobId}/complete").routeId("api.complete-upload")
                    .description("Finish a multipart upload once every part is sent: the parts S3 holds are "
                            + "checked against the declared size and assembled; the job starts")
                    .produces(JSON)
                    .param().name("jobId").type(RestParamType.path).description("the upload's job id").endParam()
                    .responseMessage().code(202).message("the job, now QUEUED").responseModel(UploadAccepted.class)
                        .endResponseMessage()
                    .responseMessage().code(409).message("parts missing or of the wrong size, or the upload is over")
                        .responseModel(Problem.class).endResponseMessage()
                    .to("direct:api-complete-upload")
                .get("/uploads/{jobId}").routeId("api.get-upload")
                    .description("A multipart upload under way: which parts S3 already holds, and fresh part URLs "
                            + "for the others (resume after a dropped connection or an expired URL)")
                    .produces(JSON)
                    .param().name("jobId").type(RestParamType.path).description("the upload's job id").endParam()
                    .outType(MultipartUploadIssued.class)
                    .responseMessage().code(409).message("the job awaits a single PUT, or its upload is over")
                        .responseModel(Problem.class).endResponseMessage()
                    .to("direct:api-get-upload")
                .delete("/uploads/{jobId}").routeId("api.abort-upload")
                    .description("Abort a multipart upload: its parts are discarded and its job CANCELLED")
                    .produces(JSON)
                    .param().name("jobId").type(RestParamType.path).description("the upload's job id").endParam()
                    .responseMessage().code(204).message("aborted").endResponseMessage()
                    .responseMessage().code(409).message("the upload is over").responseModel(Problem.class)
                        .endResponseMessage()
                    .to("direct:api-abort-upload")
                .post("/webhooks").routeId("api.create-webhook")
                    .description("Register a webhook: {url, events: [job.succeeded, job.failed, job.cancelled, "
                            + "asset.deleted], description}. Answers 201 with its secret (whsec_...), shown this once. "
                            + "Deliveries are signed the Standard Webhooks way (webhook-id, webhook-timestamp, "
                            + "webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>)")
                    .consumes(JSON).produces(JSON)
                    .type(WebhookCalls.Registration.class)
                    .param().name("body").type(RestParamType.body).description("the endpoint and the events it wants")
                        .required(true).endParam()
                    .responseMessage().code(201).message("registered; secret is shown this once")
                        .responseModel(WebhookCalls.WebhookView.class).endResponseMessage()
                    .responseMessage().code(409).message("the tenant has as many webhooks as it may")
                        .responseModel(Problem.class).endResponseMessage()
                    .to("direct:api-create-webhook")
                .get("/webhooks").routeId("api.list-webhooks")
                    .description("The caller's webhooks (without their secrets)").produces(JSON)
                    .outType(WebhookCalls.WebhookList.class)
                    .to("direct:api-list-webhooks")
                .get("/webhooks/{webhookId}").routeId("api.get-webhook")
                    .description("One webhook (without its secret)").produces(JSON)
                    .param().name("webhookId").type(RestParamType.path).description("the webhook's id").endParam()
                    .outType(WebhookCalls.WebhookView.class)
                    .to("direct:api-get-webhook")
                .delete("/webhooks/{webhookId}").routeId("api.delete-webhook")
                    .description("Delete a webhook: nothing more is delivered to it")
                    .produces(JSON)
                    .param().name("webhookId").type(RestParamType.path).description("the webhook's id").endParam()
                    .responseMessage().code(204).message("deleted").endResponseMessage()
                    .to("direct:api-delete-webhook")
                .get("/webhooks/{webhookId}/deliveries").routeId("api.list-webhook-deliveries")
                    .description("A webhook's latest deliveries, newest first, each with every try (time, HTTP "
                            + "status, error); query limit 1-100 (default 20)")
                    .produces(JSON)
                    .param().name("webhookId").type(RestParamType.path).description("the webhook's id").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                        .description("deliveries to return, 1-100 (default 20)").endParam()
                    .outType(WebhookCalls.DeliveryList.class)
                    .responseMessage().code(400).message("limit not valid").responseModel(Problem.class)
                        .endResponseMessage()
                    .to("direct:api-list-webhook-deliveries")
                .get("/search").routeId("api.search")
                    .description("The caller's assets that match q by meaning or words, above the relevance floor, best first, one per asset with the passage that matched")
                    .produces(JSON)
                    .param().name("q").type(RestParamType.query)
                        .description("what to search for, 1-500 characters").required(true).endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer")
                        .description("assets to return, 1-50 (default 10)").required(false).endParam()
                    .outType(SearchResults.class)
                    .responseMessage().code(400).message("q missing or too long, or limit not valid")
                        .responseModel(Problem.class).endResponseMessage()
                    .to("direct:api-search");

        // Operators only (scope admin, enforced by SecurityConfiguration); DLQs hold every tenant's messages.
        rest("/v1/admin").description("Aegis operations API")
                .get("/dlq").routeId("api.admin-dlq")
                    .description("Each queue's DLQ: depth and up to 10 messages with their failure, not consumed")
                    .produces(JSON)
                    .outType(DeadLetterLister.DeadLetterReport.class)
                    .to("direct:api-admin-dlq")
                .post("/dlq/{queue}/redrive").routeId("api.admin-redrive")
                    .description("Reopen the failed jobs of a queue's DLQ and move its messages back to the queue")
                    .produces(JSON)
                    .param().name("queue").type(RestParamType.path)
                        .description("the queue whose DLQ to redrive, as GET /v1/admin/dlq names it").endParam()
                    .outType(DeadLetterRedriver.Redriven.class)
                    .to("direct:api-admin-redrive")
                .get("/routes").routeId("api.admin-routes")
                    .description("The YAML route files running in this process: content hash, route ids, last reload")
                    .produces(JSON)
                    .outType(RouteFilesReport.class)
                    .to("direct:api-admin-routes")
                .post("/reprocess").routeId("api.admin-reprocess")
                    .description("Reprocess every asset matching {tenant, mediaType, from, to} (ISO instants), "
                            + "optionally {steps}; dryRun (default true) only counts; at most limit (1-1000) assets")
                    .consumes(JSON).produces(JSON)
                    .type(BulkReprocessor.Filter.class)
                    .param().name("body").type(RestParamType.body).description("which assets, which steps, dry run or not")
                        .required(true).endParam()
                    .outType(BulkReprocessor.Report.class)
                    .to("direct:api-admin-reprocess")
                .post("/routes/reload").routeId("api.admin-reload-routes")
                    .description("Apply changed, added and deleted YAML route files now (validated, swapped one by one)")
                    .produces(JSON)
                    .outType(RouteReloadTrigger.RouteReload.class)
                    .to("direct:api-admin-reload-routes");

        // The document of all the above (and of the calls Spring serves itself): public, not listed in itself.
        rest("/v1").get("/openapi.json").routeId("api.openapi").apiDocs(false).produces(JSON)
                .to("direct:api-openapi");
        getRestCollection().getRests().forEach(rest -> rest.getVerbs().forEach(verb -> {
            if (verb.getId() == null) {
                verb.setId(verb.getRouteId()); // the operationId, rather than a generated "verb9"
            }
            documentCommonProblems(verb);
            modelsByBinaryName(verb);
        }));

        from("direct:api-upload").routeId("api.store-upload")
                .process(callerIdentity)
                .process(uploadReceiver)
                // Before anything is stored: a repeated Idempotency-Key is answered with the first upload's job.
                .process(idempotencyKeyReserver)
                .filter(exchangeProperty(IdempotencyKeyReserver.REPLAY).isNotEqualTo(true))
                    // Streams the spooled file to S3 with its known length: never buffered in the heap.
                    .to("aws2-s3://" + names.buckets().raw() + "?autoCreateBucket=false")
                    .to("direct:create-job")
                .end()
                .process(uploadResponder);

        from("direct:api-presign-upload").routeId("api.issue-upload-url")
                .process(callerIdentity).process(presignedUploadIssuer);
        from("direct:api-get-job").routeId("api.read-job").process(callerIdentity).process(jobReader);
        from("direct:api-cancel-job").routeId("api.run-cancel").process(callerIdentity).process(jobCanceller);
        from("direct:api-list-jobs").routeId("api.read-jobs").process(callerIdentity).process(jobLister);
        from("direct:api-get-asset").routeId("api.read-asset").process(callerIdentity).process(assetReader);
        from("direct:api-delete-asset").routeId("api.run-delete-asset").process(callerIdentity).process(assetRemover);
        from("direct:api-reprocess-asset").routeId("api.run-reprocess")
                .process(callerIdentity).process(reprocessRequester)
                .to("direct:create-job")
                .process(uploadResponder);
        from("direct:api-complete-upload").routeId("api.run-complete-upload")
                .process(callerIdentity).bean(multipartUploadCalls, "complete")
                .to("direct:upload-landed")
                .process(uploadResponder);
        from("direct:api-get-upload").routeId("api.read-upload")
                .process(callerIdentity).bean(multipartUploadCalls, "status");
        from("direct:api-abort-upload").routeId("api.run-abort-upload")
                .process(callerIdentity).bean(multipartUploadCalls, "abort");
        from("direct:api-create-webhook").routeId("api.run-create-webhook")
                .process(callerIdentity).bean(webhookCalls, "register");
        from("direct:api-list-webhooks").routeId("api.read-webhooks")
                .process(callerIdentity).bean(webhookCalls, "list");
        from("direct:api-get-webhook").routeId("api.read-webhook")
                .process(callerIdentity).bean(webhookCalls, "read");
        from("direct:api-delete-webhook").routeId("api.run-delete-webhook")
                .process(callerIdentity).bean(webhookCalls, "remove");
        from("direct:api-list-webhook-deliveries").routeId("api.read-webhook-deliveries")
                .process(callerIdentity).bean(webhookCalls, "deliveries");
        from("direct:api-admin-reprocess").routeId("api.run-bulk-reprocess").process(bulkReprocessor);
        from("direct:api-search").routeId("api.run-search").process(callerIdentity).process(searchResponder);
        from("direct:api-admin-dlq").routeId("api.read-dlq").process(deadLetterLister);
        from("direct:api-admin-redrive").routeId("api.run-redrive").process(deadLetterRedriver);
        from("direct:api-admin-routes").routeId("api.read-routes").process(routeFilesLister);
        from("direct:api-admin-reload-routes").routeId("api.run-route-reload").process(routeReloadTrigger);
        from("direct:api-openapi").routeId("api.read-openapi").process(apiDocument);
    }

    /**
     * The REST DSL records a model class by its canonical name (WebhookCalls.WebhookView), which the OpenAPI
     * generator's class resolver cannot load for a nested class: give it the binary name (WebhookCalls$WebhookView).
     */
    private static void modelsByBinaryName(VerbDefinition verb) {
        verb.setType(binaryName(verb.getType()));
        verb.setOutType(binaryName(verb.getOutType()));
        if (verb.getResponseMsgs() != null) {
            verb.getResponseMsgs().forEach(response -> response.setResponseModel(binaryName(response.getResponseModel())));
        }
    }

    private static String binaryName(String canonicalName) {
        if (canonicalName == null) {
            return null;
        }
        String name = canonicalName;
        while (name.indexOf('.') > 0) {
            try {
                return Class.forName(name, false, ApiRoutes.class.getClassLoader()).getName();
            } catch (ClassNotFoundException e) {
                int last = name.lastIndexOf('.');
                name = name.substring(0, last) + '$' + name.substring(last + 1);
            }
        }
        throw new IllegalStateException("no class " + canonicalName + " for the OpenAPI document");
    }

    /**
     * The problems (RFC 7807) any call may answer besides its own: token missing or invalid (401), scope missing
     * (403), over a rate or concurrency limit (429), a dependency down (503), a bug (500); a call on an id may find
     * nothing (404); a call with a body may get one that is malformed (400) or too large (413).
     */
    private static void documentCommonProblems(VerbDefinition verb) {
        if (Boolean.FALSE.toString().equals(verb.getApiDocs())) {
            return;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        if (verb.getConsumes() != null) {
            problems.put("400", "the body is not valid");
            problems.put("413", "the body is too large");
        }
        problems.put("401", "no valid bearer token");
        problems.put("403", "the token lacks the scope this call needs");
        if (verb.getPath() != null && verb.getPath().contains("{")) {
            problems.put("404", "no such resource for the caller's tenant");
        }
        problems.put("429", "over the caller's rate or open-call limit, or the tenant's backlog is full (see Retry-After)");
        problems.put("500", "internal error");
        problems.put("503", "a storage, queue or table service is unavailable (see Retry-After)");
        List<ResponseMessageDefinition> declared = verb.getResponseMsgs() == null
                ? new ArrayList<>() : new ArrayList<>(verb.getResponseMsgs());
        problems.forEach((code, message) -> {
            if (declared.stream().noneMatch(response -> code.equals(response.getCode()))) {
                ResponseMessageDefinition response = new ResponseMessageDefinition();
                response.setCode(code);
                response.setMessage(message);
                response.setResponseModel(Problem.class.getName());
                declared.add(response);
            }
        });
        verb.setResponseMsgs(declared);
    }
}
