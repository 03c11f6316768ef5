package io.aegis.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.aws.ResourceNames;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** S3's event notification JSON, as delivered to aegis-ingest. */
class S3EventReaderTest {

    private final S3EventReader reader = new S3EventReader(new ObjectMapper(),
            new ResourceNames(new ResourceNames.Buckets("aegis-raw", "aegis-processed"), null, null),
            new InboxProperties("inbox/", "rejected/", 1000));

    @Test
    void createdObjectsOfTheRawBucketAreReadWithDecodedKeys() throws Exception {
        String event = """
                {"Records":[
                  {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"aegis-raw"},"object":{"key":"inbox/local/my+notes%C3%A9.txt"}}},
                  {"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"aegis-raw"},"object":{"key":"inbox/local/gone.txt"}}},
                  {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"someone-else"},"object":{"key":"inbox/local/x.txt"}}},
                  {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"aegis-raw"},"object":{"key":"local/123/original/x.txt"}}},
                  {"eventName":"ObjectCreated:Copy","s3":{"bucket":{"name":"aegis-raw"},"object":{"key":"rejected/inbox/x.txt"}}}
                ]}""";

        // Inbox drop-ins and (possibly) presigned uploads; set-aside objects and removals are not news.
        assertThat(read(event)).containsExactly("inbox/local/my notesé.txt", "local/123/original/x.txt");
    }

    @Test
    void s3sTestEventYieldsNothing() throws Exception {
        assertThat(read("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"aegis-raw\"}")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<String> read(String body) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        reader.process(exchange);
        return exchange.getMessage().getBody(List.class);
    }
}
