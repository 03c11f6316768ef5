package io.aegis.media.av;

import io.aegis.media.MediaProperties;
import io.aegis.media.OriginalFiles;
import io.aegis.media.ToolRun;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Prepares {@code ffprobe} on the original: streams and format as JSON, reading local files only. */
@Component("ffprobeCommand")
public class FfprobeCommand implements Processor {

    private final OriginalFiles originals;
    private final MediaProperties media;

    public FfprobeCommand(OriginalFiles originals, MediaProperties media) {
        this.originals = originals;
        this.media = media;
    }

    @Override
    public void process(Exchange exchange) {
        Path original = originals.local(exchange);
        ToolRun.prepare(exchange, media.tools().ffprobe(), List.of(
                "-v", "error",
                // A file that names other files or URLs (playlists, concat lists) must not reach the network.
                "-protocol_whitelist", "file",
                "-print_format", "json", "-show_format", "-show_streams",
                "-i", original.toString()), original.getParent(), media.toolTimeout());
    }
}
