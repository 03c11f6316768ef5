package io.aegis.media.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.platform.AegisHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The image half of the metadata step: dimensions from the header (refusing decompression bombs before a
 * pixel is decoded), alpha, EXIF orientation and camera metadata.
 */
@Component("imageProber")
public class ImageProber implements Processor {

    private final ImageProbe probe;
    private final OriginalFiles originals;
    private final MediaProperties media;
    private final ObjectMapper json;

    public ImageProber(ImageProbe probe, OriginalFiles originals, MediaProperties media, ObjectMapper json) {
        this.probe = probe;
        this.originals = originals;
        this.media = media;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        ImageFacts facts = probe.probe(originals.local(exchange),
                exchange.getMessage().getHeader(AegisHeaders.MIME_TYPE, String.class), media.image().maxPixels());
        ObjectNode metadata = json.createObjectNode();
        metadata.put("format", facts.format());
        metadata.put("width", facts.width());
        metadata.put("height", facts.height());
        metadata.put("hasAlpha", facts.hasAlpha());
        metadata.put("orientation", facts.orientation());
        metadata.set("exif", json.valueToTree(facts.metadata()));
        exchange.setProperty(AegisHeaders.METADATA, metadata);
    }
}
