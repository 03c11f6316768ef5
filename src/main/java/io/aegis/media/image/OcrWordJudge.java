package io.aegis.media.image;

import io.aegis.media.MediaProperties;
import io.aegis.text.EnglishWords;
import io.aegis.text.WordShape;
import org.springframework.stereotype.Component;

/**
 * Decides which words OCR may report: confident enough, shaped like a word, number or code, and — below the trusted
 * confidence — a word the dictionary knows. Rotated text read the wrong way round ("ysnbny" for August at 70 %) fails.
 */
@Component
public class OcrWordJudge {

    private final EnglishWords english;
    private final int minConfidence;
    private final int trustedConfidence;

    public OcrWordJudge(EnglishWords english, MediaProperties media) {
        this.english = english;
        this.minConfidence = media.image().ocrMinConfidence();
        this.trustedConfidence = media.image().ocrTrustedConfidence();
    }

    /** A glyph box thinner than this is a rule or a tick mark that tesseract took for "l", "I" or "4". */
    static final int MIN_GLYPH_PIXELS = 4;

    public boolean accept(OcrWord word) {
        if (word.confidence() < minConfidence || !WordShape.isWordlike(word.text())
                || Math.min(word.width(), word.height()) < MIN_GLYPH_PIXELS) {
            return false;
        }
        if (word.confidence() >= trustedConfidence || !WordShape.isAlphabetic(word.text()) || !english.available()) {
            return true;
        }
        return english.isWord(word.text());
    }

    /** A token with a letter or digit that was not accepted: text that is there but was not read. */
    public boolean unreadable(OcrWord word) {
        return word.text().codePoints().anyMatch(Character::isLetterOrDigit) && !accept(word);
    }

    int minConfidence() {
        return minConfidence;
    }
}
