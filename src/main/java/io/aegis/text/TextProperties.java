package io.aegis.text;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Aegis judges text ({@code aegis.text}).
 *
 * @param dictionaries Hunspell dictionaries (base paths, without .aff/.dic) that say what an English word is: OCR words
 *                     and image tags must be one of their words; none readable → words are judged by shape alone
 */
@ConfigurationProperties("aegis.text")
public record TextProperties(List<Path> dictionaries) {

    public TextProperties {
        dictionaries = dictionaries == null ? List.of() : List.copyOf(dictionaries);
    }
}
