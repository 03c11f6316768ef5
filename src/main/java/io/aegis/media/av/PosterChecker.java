package io.aegis.media.av;

import io.aegis.media.Scratch;
import io.aegis.media.StoredFile;
import io.aegis.media.ToolRun;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.ProcessedObjects;
import io.aegis.state.StepFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The poster frame ffmpeg made must be there; it is then handed to the {@code aws2-s3} endpoint that stores it. */
@Component("posterChecker")
public class PosterChecker implements Processor {

    @Override
    public void process(Exchange exchange) {
        ToolRun.require(exchange, "ffmpeg", ErrorCode.CORRUPT_MEDIA);
        Path poster = Scratch.current(exchange).resolve(PosterCommand.POSTER_FILE);
        if (!Files.isRegularFile(poster)) {
            throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the video has no decodable picture");
        }
        String tenant = exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
        String assetId = exchange.getMessage().getHeader(AegisHeaders.ASSET_ID, String.class);
        StoredFile.prepare(exchange, poster, ProcessedObjects.key(tenant, assetId, PosterCommand.POSTER_FILE), "image/jpeg");
    }
}
