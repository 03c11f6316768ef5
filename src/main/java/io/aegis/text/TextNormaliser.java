package io.aegis.text;

/**
 * Turns a document's text into the prose a summary and search should see, for one kind of document. Beans of this
 * type are found by {@link TextNormalisers}, which asks each whether it {@link #handles} the file; a new format (HTML,
 * office documents) plugs in as one more bean.
 */
public interface TextNormaliser {

    /** True for the files this normaliser understands; {@code mimeType} is detected from the bytes, the name is a hint. */
    boolean handles(String mimeType, String filename, String text);

    String normalise(String text);
}
