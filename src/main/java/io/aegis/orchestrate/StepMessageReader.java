package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Reads a STEP_REQUESTED message into the headers the step routes expect. */
@Component("stepMessageReader")
public class StepMessageReader implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        JobMessage message = exchange.getMessage().getMandatoryBody(JobMessage.class);
        exchange.getMessage().setHeader(AegisHeaders.JOB_ID, message.jobId());
        exchange.getMessage().setHeader(AegisHeaders.TENANT, message.tenant());
        exchange.getMessage().setHeader(AegisHeaders.ASSET_ID, message.assetId());
        exchange.getMessage().setHeader(AegisHeaders.STEP, message.step());
    }
}
