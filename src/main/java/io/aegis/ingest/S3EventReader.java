package io.aegis.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.aws.ResourceNames;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads an S3 event notification (the JSON S3 sends to aegis-ingest) into the raw-bucket keys it announces as
 * created: inbox drop-ins and presigned uploads (the route tells them apart). Records for other buckets, for
 * set-aside keys under the rejected prefix, removals and S3's test event are ignored.
 */
@Component("s3EventReader")
public class S3EventReader implements Processor {

    private static final Logger log = LoggerFactory.getLogger(S3EventReader.class);

    private final ObjectMapper json;
    private final String bucket;
    private final String rejectedPrefix;

    public S3EventReader(ObjectMapper json, ResourceNames names, InboxProperties inbox) {
        this.json = json;
        this.bucket = names.buckets().raw();
        this.rejectedPrefix = inbox.rejectedPrefix();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        JsonNode event = json.readTree(exchange.getMessage().getBody(String.class));
        List<String> keys = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            String recordBucket = record.path("s3").path("bucket").path("name").asText();
            // S3 URL-encodes keys in events, with '+' for spaces.
            String key = URLDecoder.decode(record.path("s3").path("object").path("key").asText(), StandardCharsets.UTF_8);
            if (record.path("eventName").asText().startsWith("ObjectCreated") && bucket.equals(recordBucket)
                    && !key.startsWith(rejectedPrefix)) {
                keys.add(key);
            } else {
                log.debug("S3 event record ignored: {} {}/{}", record.path("eventName").asText(), recordBucket, key);
            }
        }
        exchange.getMessage().setBody(keys);
    }
}
