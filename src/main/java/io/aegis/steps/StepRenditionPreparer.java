package io.aegis.steps;

import io.aegis.media.Scratch;
import io.aegis.media.image.ThumbnailSource;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.StepFailure;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.springframework.stereotype.Component;

/**
 * First half of {@code direct:record-rendition}: the file named in {@code aegis.rendition} must be a plain file of the
 * step's scratch directory and one of the renditions its step file declares; a picture's size is read from its
 * header; its key ({@code {tenant}/{assetId}/{step}/{file}}, so no step can overwrite another's outputs or a built-in one) and content
 * type become the S3 headers for the {@code aws2-s3} endpoint that stores it.
 */
@Component("stepRenditionPreparer")
public class StepRenditionPreparer implements Processor {

    static final String PENDING = "aegis.pendingRendition";
    static final String BODY = "aegis.bodyBeforeRendition";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}");

    private final StepCatalog catalog;

    public StepRenditionPreparer(StepCatalog catalog) {
        this.catalog = catalog;
    }

    /** A file about to be stored, and what it is. */
    record Pending(Path file, String key, StepDeclaration.RenditionOutput output, Integer width, Integer height) {
    }

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        String step = message.getHeader(AegisHeaders.STEP, String.class);
        String name = message.getHeader(AegisHeaders.RENDITION, String.class);
        StepDeclaration declaration = catalog.declaration(step).orElseThrow(() -> new StepFailure(ErrorCode.INTERNAL,
                "step " + step + " recorded a rendition, but it is not a declared step"));
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new StepFailure(ErrorCode.INTERNAL, "step " + step + " recorded the rendition '" + name
                    + "': aegis.rendition must name a file of its scratch directory");
        }
        var output = declaration.renditionFor(name).orElseThrow(() -> new StepFailure(ErrorCode.INTERNAL,
                "step " + step + " recorded the rendition " + name + ", which routes/steps/" + declaration.file()
                        + " does not declare"));
        Path file = Scratch.current(exchange).resolve(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new StepFailure(ErrorCode.INTERNAL, "step " + step + " recorded the rendition " + name
                    + ", but its tools did not write it");
        }
        String key = ProcessedObjects.key(message.getHeader(AegisHeaders.TENANT, String.class),
                message.getHeader(AegisHeaders.ASSET_ID, String.class), step + "/" + name);
        Integer width = null;
        Integer height = null;
        if (output.format().picture()) {
            try {
                int[] size = ThumbnailSource.dimensions(file);
                width = size[0];
                height = size[1];
            } catch (UncheckedIOException e) {
                throw new StepFailure(ErrorCode.INTERNAL, "the rendition " + name + " of step " + step
                        + " is not a readable " + output.format().format() + " picture");
            }
        }
        exchange.setProperty(PENDING, new Pending(file, key, output, width, height));
        exchange.setProperty(BODY, message.getBody());
        message.setHeader(AWS2S3Constants.KEY, key);
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, output.format().contentType());
        message.setBody(file.toFile());
    }
}
