package io.aegis.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Is this an English word?", answered by Hunspell dictionaries (Debian's hunspell-en-us and hunspell-en-gb, read with
 * Lucene's Hunspell), so inflections count ("payments", "rotated") and British spellings too ("harbour"). Loaded on
 * first use (a few seconds). Without any dictionary file it knows no words and says so: callers then fall back to
 * {@link WordShape} alone. Thread-safe.
 */
public final class EnglishWords {

    private static final Logger log = LoggerFactory.getLogger(EnglishWords.class);

    private final List<Path> dictionaries;
    private volatile List<Dictionary> loaded;
    private final ThreadLocal<List<Hunspell>> spellers = new ThreadLocal<>();

    /** @param dictionaries base paths of Hunspell dictionaries: {@code /usr/share/hunspell/en_GB} for en_GB.aff + en_GB.dic */
    public EnglishWords(List<Path> dictionaries) {
        this.dictionaries = List.copyOf(dictionaries);
    }

    /** True when at least one dictionary could be read. */
    public boolean available() {
        return !dictionaries().isEmpty();
    }

    /** True when a dictionary knows the word as written, in lower case or capitalised. */
    public boolean isWord(String word) {
        String core = WordShape.core(word);
        if (core.isEmpty() || core.length() > 40) {
            return false;
        }
        String lower = core.toLowerCase(Locale.ROOT);
        String capitalised = Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
        for (Hunspell speller : spellers()) {
            if (spelled(speller, core) || spelled(speller, lower) || spelled(speller, capitalised)) {
                return true;
            }
        }
        return false;
    }

    private static boolean spelled(Hunspell speller, String word) {
        try {
            return speller.spell(word);
        } catch (RuntimeException e) {
            return false; // a token Hunspell cannot judge is not a word it knows
        }
    }

    // Dictionary is immutable and shared; Hunspell keeps per-call state, so each thread gets its own.
    private List<Hunspell> spellers() {
        List<Hunspell> mine = spellers.get();
        if (mine == null) {
            mine = dictionaries().stream().map(Hunspell::new).toList();
            spellers.set(mine);
        }
        return mine;
    }

    private List<Dictionary> dictionaries() {
        List<Dictionary> result = loaded;
        if (result == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = load();
                }
                result = loaded;
            }
        }
        return result;
    }

    private List<Dictionary> load() {
        List<Dictionary> result = new ArrayList<>();
        for (Path base : dictionaries) {
            Path affix = Path.of(base + ".aff");
            Path words = Path.of(base + ".dic");
            if (!Files.isReadable(affix) || !Files.isReadable(words)) {
                log.warn("Hunspell dictionary {} (.aff/.dic) is missing: install hunspell-en-us / hunspell-en-gb", base);
                continue;
            }
            try (InputStream aff = Files.newInputStream(affix); InputStream dic = Files.newInputStream(words)) {
                result.add(new Dictionary(new ByteBuffersDirectory(), "hunspell", aff, dic));
            } catch (IOException | java.text.ParseException | RuntimeException e) {
                log.warn("Hunspell dictionary {} is unreadable; skipped", base, e);
            }
        }
        if (result.isEmpty()) {
            log.warn("No Hunspell dictionary: OCR and tags judge words by their shape only");
        }
        return List.copyOf(result);
    }
}
