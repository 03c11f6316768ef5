package io.aegis.ingest;

import io.aegis.platform.aws.ResourceNames;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/** Deletes the inbox object once its job is recorded and announced: the last step of an ingest. */
@Component("inboxObjectRemover")
public class InboxObjectRemover implements Processor {

    private final S3Client s3;
    private final String bucket;

    public InboxObjectRemover(S3Client s3, ResourceNames names) {
        this.s3 = s3;
        this.bucket = names.buckets().raw();
    }

    @Override
    public void process(Exchange exchange) {
        String key = exchange.getMessage().getHeader(AWS2S3Constants.KEY, String.class);
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
}
