package io.aegis.media.image;

import io.aegis.media.ToolRun;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Ends the decode: the tool's picture becomes the {@link DecodedImage} the image steps read. */
@Component("imageDecodeRecorder")
public class ImageDecodeRecorder implements Processor {

    @Override
    public void process(Exchange exchange) throws IOException {
        String tool = exchange.getProperty(ImageDecodeCommand.TOOL, String.class);
        ToolRun.require(exchange, tool, ErrorCode.CORRUPT_MEDIA);
        exchange.getMessage().setBody(null);
        DecodedImage.use(exchange, output(exchange.getProperty(ImageDecodeCommand.OUTPUT, Path.class), tool));
    }

    /** heif-convert numbers its outputs (decoded-1.jpg, …) when a file holds several images: the first is taken. */
    private static Path output(Path expected, String tool) throws IOException {
        if (Files.isRegularFile(expected) && Files.size(expected) > 0) {
            return expected;
        }
        String name = expected.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        String extension = name.substring(name.lastIndexOf('.'));
        try (Stream<Path> files = Files.list(expected.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches(stem + "-\\d+\\" + extension))
                    .min(Comparator.comparingInt(f -> number(f.getFileName().toString(), stem)))
                    .orElseThrow(() -> new StepFailure(ErrorCode.CORRUPT_MEDIA, tool + " wrote no picture"));
        }
    }

    private static int number(String name, String stem) {
        return Integer.parseInt(name.substring(stem.length() + 1, name.lastIndexOf('.')));
    }
}
