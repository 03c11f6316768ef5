package io.aegis.api;

import io.aegis.orchestrate.DeadLetterQueues;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** POST /v1/admin/dlq/{queue}/redrive, {@code queue} being a pipeline queue or its DLQ; any other name is a 404. */
@Component("deadLetterRedriver")
public class DeadLetterRedriver implements Processor {

    private final DeadLetterQueues deadLetters;
    private final ApiResponses responses;

    public DeadLetterRedriver(DeadLetterQueues deadLetters, ApiResponses responses) {
        this.deadLetters = deadLetters;
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getMessage().getHeader("queue", String.class);
        String queue = deadLetters.sourceQueueOf(name).orElseThrow(() -> ApiProblem.notFound("queue", name));
        responses.json(exchange, 200, new Redriven(queue, deadLetters.redrive(queue)));
    }

    public record Redriven(String queue, int redriven) {
    }
}
