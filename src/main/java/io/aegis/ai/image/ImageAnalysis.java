package io.aegis.ai.image;

import io.aegis.state.Insights;
import java.util.List;
import java.util.Map;

/**
 * What analyze-image concluded, before it is stored: a null insight has its reason in {@code unavailable}.
 *
 * @param nsfwScore 0..1 from a model that can judge content, or null
 */
public record ImageAnalysis(List<String> tags, String description, Double nsfwScore,
                            Map<String, String> unavailable, Insights.Source source) {

    /** Exchange property holding the analysis until the recorder stores it. */
    public static final String PROPERTY = "aegis.imageAnalysis";

    public ImageAnalysis {
        tags = tags == null ? List.of() : List.copyOf(tags);
        unavailable = unavailable == null ? Map.of() : Map.copyOf(unavailable);
    }
}
