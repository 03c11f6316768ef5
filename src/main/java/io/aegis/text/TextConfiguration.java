package io.aegis.text;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process's one word list (dictionaries are large: loaded once, on first use) and one sentence model. */
@Configuration(proxyBeanMethods = false)
public class TextConfiguration {

    @Bean
    EnglishWords englishWords(TextProperties text) {
        return new EnglishWords(text.dictionaries());
    }

    @Bean
    Sentences sentences() {
        return Sentences.english();
    }
}
