package io.aegis.ai.image;

import io.aegis.ai.model.OfflineChatModel;
import io.aegis.ai.tags.KeywordTagger;
import io.aegis.state.Insights;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import io.aegis.text.EnglishWords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Describes a picture offline from facts alone: its dimensions, the camera and date EXIF names, the colours
 * its pixels are made of, and the text OCR read. It cannot see what the picture shows, so it says nothing
 * about objects or decency: those insights are unavailable with the reason, never guessed.
 */
@Component("offlineImageDescriber")
public class OfflineImageDescriber implements Processor {

    public static final String MODEL_NAME = "image-facts-v2";
    static final Insights.Source SOURCE = new Insights.Source(OfflineChatModel.PROVIDER, MODEL_NAME);
    static final String NSFW_UNAVAILABLE = "the offline provider cannot judge image content";
    static final String OBJECTS_UNAVAILABLE = "the offline provider cannot recognise objects in pixels; "
            + "its tags come only from colours, EXIF and OCR text";

    static final double MIN_COLOUR_SHARE = 0.10;
    static final int MAX_COLOURS = 3;
    static final int MAX_TEXT_KEYWORDS = 5;
    static final int MAX_QUOTED_TEXT = 200;
    // A page's worth of words: fewer is a sign or a caption, not a document.
    static final int DOCUMENT_WORDS = 40;

    private final KeywordTagger keywords;

    @Autowired
    public OfflineImageDescriber(EnglishWords english) {
        this.keywords = new KeywordTagger(english);
    }

    /** Without a dictionary: OCR words are judged by shape alone (tests). */
    OfflineImageDescriber() {
        this(new EnglishWords(List.of()));
    }

    @Override
    public void process(Exchange exchange) {
        ImageEvidence evidence = exchange.getProperty(ImageEvidence.PROPERTY, ImageEvidence.class);
        exchange.setProperty(ImageAnalysis.PROPERTY, describe(evidence));
    }

    ImageAnalysis describe(ImageEvidence evidence) {
        DominantColours.Palette palette = DominantColours.of(decode(evidence.thumbnail()));
        List<DominantColours.Share> colours = palette.atLeast(MIN_COLOUR_SHARE, MAX_COLOURS);
        String text = tidy(evidence.ocrText());

        Map<String, String> unavailable = new LinkedHashMap<>();
        unavailable.put("nsfw", NSFW_UNAVAILABLE);
        unavailable.put("objects", OBJECTS_UNAVAILABLE);
        return new ImageAnalysis(tags(evidence, palette, colours, text), description(evidence, palette, colours, text),
                null, unavailable, SOURCE);
    }

    private String description(ImageEvidence evidence, DominantColours.Palette palette,
                               List<DominantColours.Share> colours, String text) {
        List<String> sentences = new ArrayList<>();
        sentences.add("A %d × %d pixel %s %s.".formatted(evidence.width(), evidence.height(), evidence.orientation(),
                evidence.kind()));
        if (evidence.camera() != null) {
            sentences.add("Camera: " + evidence.camera() + ".");
        }
        if (evidence.dateTaken() != null) {
            sentences.add("Taken " + evidence.dateTaken().replace('T', ' ') + ".");
        }
        if (palette.transparentShare() >= 0.5) {
            sentences.add("Mostly transparent (%d %% of pixels).".formatted(percent(palette.transparentShare())));
        }
        if (!colours.isEmpty()) {
            sentences.add((palette.flatColours() ? "Flat colours: " : "Dominant colours: ") + colours.stream()
                    .map(c -> "%s (%d %%)".formatted(c.name(), percent(c.share())))
                    .collect(Collectors.joining(", ")) + ".");
        }
        if (!text.isEmpty()) {
            String quoted = text.length() > MAX_QUOTED_TEXT ? text.substring(0, MAX_QUOTED_TEXT).strip() + "…" : text;
            sentences.add("Contains text: “" + quoted + "”.");
        }
        return String.join(" ", sentences);
    }

    private List<String> tags(ImageEvidence evidence, DominantColours.Palette palette,
                              List<DominantColours.Share> colours, String text) {
        Set<String> tags = new LinkedHashSet<>();
        colours.forEach(c -> tags.add(c.name()));
        // A camera wrote the EXIF, so it is a photograph; without it a photo cannot be told from a rendering.
        boolean photo = evidence.cameraMake() != null || evidence.cameraModel() != null;
        if (photo) {
            tags.add("photo");
        } else if (palette.flatColours()) {
            tags.add("graphic");
        }
        if (evidence.cameraMake() != null) {
            tags.add(evidence.cameraMake().toLowerCase(Locale.ROOT));
        }
        if (!text.isEmpty()) {
            tags.add("text");
            if (text.split("\\s+").length >= DOCUMENT_WORDS) {
                tags.add("document");
            }
            // OCR text was read, not typed: only dictionary words become tags.
            keywords.tagsOfReadText(text, MAX_TEXT_KEYWORDS).forEach(tags::add);
        }
        return List.copyOf(tags);
    }

    private static String tidy(String ocrText) {
        return ocrText == null ? "" : ocrText.replaceAll("\\s+", " ").strip();
    }

    private static int percent(double share) {
        return (int) Math.round(share * 100);
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("the thumbnail is not a readable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the thumbnail", e);
        }
    }
}
