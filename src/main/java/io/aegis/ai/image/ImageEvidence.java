package io.aegis.ai.image;

/**
 * What the analyze-image step knows about a picture before looking at it, plus the thumbnail to look at.
 *
 * @param width       displayed width in pixels (EXIF orientation applied)
 * @param height      displayed height in pixels
 * @param kind        what the picture is: {@code "JPEG image"}, {@code "video frame"}, ...
 * @param cameraMake  EXIF Make, or null
 * @param cameraModel EXIF Model, or null
 * @param dateTaken   EXIF DateTimeOriginal as ISO local time (maybe with offset), or null
 * @param ocrText     the text OCR read in the picture, or null
 * @param thumbnail   the largest thumbnail's bytes
 * @param mimeType    the thumbnail's type: {@code image/jpeg} or {@code image/png}
 */
public record ImageEvidence(int width, int height, String kind, String cameraMake, String cameraModel,
                            String dateTaken, String ocrText, byte[] thumbnail, String mimeType) {

    /** Exchange property holding the evidence between the step's processors. */
    public static final String PROPERTY = "aegis.imageEvidence";

    public String orientation() {
        return width > height ? "landscape" : width < height ? "portrait" : "square";
    }

    /** "Canon EOS R5" rather than "Canon Canon EOS R5"; null when EXIF names no camera. */
    public String camera() {
        if (cameraModel == null) {
            return cameraMake;
        }
        if (cameraMake == null || cameraModel.toLowerCase().startsWith(cameraMake.toLowerCase())) {
            return cameraModel;
        }
        return cameraMake + " " + cameraModel;
    }
}
