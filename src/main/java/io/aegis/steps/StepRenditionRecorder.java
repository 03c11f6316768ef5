package io.aegis.steps;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.Asset;
import io.aegis.state.AssetStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Second half of {@code direct:record-rendition}, once the file is stored: the asset gets the rendition (kind and format
 * from the declaration, a picture's width and height), replacing one with the same key, and the
 * route's body is what it was before.
 */
@Component("stepRenditionRecorder")
public class StepRenditionRecorder implements Processor {

    private final AssetStore assets;

    public StepRenditionRecorder(AssetStore assets) {
        this.assets = assets;
    }

    @Override
    public void process(Exchange exchange) {
        var pending = exchange.getProperty(StepRenditionPreparer.PENDING, StepRenditionPreparer.Pending.class);
        exchange.removeProperty(StepRenditionPreparer.PENDING);
        var rendition = new Asset.Rendition(pending.output().kind(), pending.width(), pending.height(),
                pending.output().format().format(), pending.key());
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        assets.update(assetId, asset -> asset.withRendition(rendition));
        var message = exchange.getMessage();
        message.removeHeaders("CamelAwsS3*");
        message.removeHeader(AegisHeaders.RENDITION);
        message.setBody(exchange.getProperty(StepRenditionPreparer.BODY));
        exchange.removeProperty(StepRenditionPreparer.BODY);
    }
}
