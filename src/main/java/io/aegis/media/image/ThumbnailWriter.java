package io.aegis.media.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Encodes a thumbnail as JPEG at a fixed quality, or as PNG when it must keep its alpha channel. */
final class ThumbnailWriter {

    private final float jpegQuality;

    ThumbnailWriter(float jpegQuality) {
        this.jpegQuality = jpegQuality;
    }

    static String formatFor(boolean alpha) {
        return alpha ? "png" : "jpeg";
    }

    static String extensionFor(String format) {
        return "png".equals(format) ? "png" : "jpg";
    }

    void write(BufferedImage image, String format, Path file) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try {
            Files.deleteIfExists(file);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), params(writer, format));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write thumbnail " + file, e);
        } finally {
            writer.dispose();
        }
    }

    private ImageWriteParam params(ImageWriter writer, String format) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if ("jpeg".equals(format)) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(jpegQuality);
        }
        return param;
    }
}
