package io.aegis.api;

import io.aegis.orchestrate.DeadLetterQueues;
import io.aegis.orchestrate.DeadLetterQueues.DeadLetterQueue;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** GET /v1/admin/dlq: every pipeline queue's DLQ, all tenants (an operator's view, behind the admin scope). */
@Component("deadLetterLister")
public class DeadLetterLister implements Processor {

    private final DeadLetterQueues deadLetters;
    private final ApiResponses responses;

    public DeadLetterLister(DeadLetterQueues deadLetters, ApiResponses responses) {
        this.deadLetters = deadLetters;
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        responses.json(exchange, 200, new DeadLetterReport(deadLetters.peekAll()));
    }

    public record DeadLetterReport(List<DeadLetterQueue> queues) {
    }
}
