package io.aegis.media.image;

import io.aegis.platform.StepDeadline;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;

/** Opens the ImageIO reader that recognises a file's bytes; the one place that sets ImageIO up. */
final class ImageReaders {

    static {
        // In a Spring Boot fat jar the TwelveMonkeys plugins (WebP, CMYK JPEG) are not found by the default scan.
        ImageIO.scanForPlugins();
        // Streams are files already: a second temp-file copy would only cost disk and time.
        ImageIO.setUseCache(false);
    }

    // A step stopped at its deadline has its thread interrupted: the decode ends at its next progress report.
    private static final IIOReadProgressListener STOP_WHEN_INTERRUPTED = new StopWhenInterrupted();

    private ImageReaders() {
    }

    /** A reader positioned on {@code file}; the caller closes both the reader's input and the reader. */
    static ImageReader open(Path file, boolean ignoreMetadata) {
        ImageInputStream input = null;
        try {
            input = ImageIO.createImageInputStream(file.toFile());
            if (input == null) {
                throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the image file cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new StepFailure(ErrorCode.CORRUPT_MEDIA, "the file is not an image format we can read");
            }
            ImageReader reader = readers.next();
            reader.setInput(input, true, ignoreMetadata);
            reader.addIIOReadProgressListener(STOP_WHEN_INTERRUPTED);
            return reader;
        } catch (IOException | RuntimeException e) {
            closeQuietly(input);
            throw e instanceof StepFailure ? (StepFailure) e : corrupt("the image file cannot be read", e);
        }
    }

    static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return reader.getOriginatingProvider().getFormatNames()[0].toLowerCase(Locale.ROOT);
        }
    }

    static void close(ImageReader reader) {
        Object input = reader.getInput();
        reader.dispose();
        if (input instanceof ImageInputStream) {
            closeQuietly((ImageInputStream) input);
        }
    }

    private static final class StopWhenInterrupted implements IIOReadProgressListener {

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (Thread.currentThread().isInterrupted()) {
                source.abort();
            }
        }

        @Override
        public void readAborted(ImageReader source) {
            StepDeadline.stopIfInterrupted();
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
        }

        @Override
        public void sequenceComplete(ImageReader source) {
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
        }

        @Override
        public void imageComplete(ImageReader source) {
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
        }
    }

    static StepFailure corrupt(String what, Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new StepFailure(ErrorCode.CORRUPT_MEDIA, what + " (" + detail + ")");
    }

    private static void closeQuietly(ImageInputStream input) {
        if (input == null) {
            return;
        }
        try {
            input.close();
        } catch (IOException ignored) {
            // Nothing was written; a failed close of a read-only stream loses nothing.
        }
    }
}
