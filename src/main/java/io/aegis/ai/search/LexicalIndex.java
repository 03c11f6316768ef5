package io.aegis.ai.search;

import java.util.List;

/** The words side of a {@link PassageStore}: Lucene in process ({@link LuceneLexicalIndex}), or PostgreSQL full-text. */
interface LexicalIndex {

    /** The tenant's passages that best match {@code query}'s words, best first, at most {@code max}. */
    List<PassageHit> search(String tenant, String query, int max);
}
