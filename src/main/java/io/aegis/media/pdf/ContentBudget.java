package io.aegis.media.pdf;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;

/**
 * Streams every content stream that text extraction parses (page contents, form XObjects, Type 3 glyph
 * procedures) through a capped counter, before extraction starts. PDFBox decodes most of these whole into the
 * heap before parsing them (all but a lone FlateDecode page stream, which it parses for as long as it inflates).
 */
final class ContentBudget {

    private final long maxBytes;
    // identity, not equals: one shared stream or resource dictionary is decoded once, and cycles end
    private final Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<COSDictionary> resourcesToVisit = new ArrayDeque<>();
    private long decodedBytes;

    ContentBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Throws LIMIT_EXCEEDED as soon as the first {@code pageCount} pages decode to more than the budget. */
    void check(PDDocument document, int pageCount) throws IOException {
        for (int i = 0; i < pageCount; i++) {
            PDPage page = document.getPage(i);
            spendOnContents(page.getCOSObject().getDictionaryObject(COSName.CONTENTS));
            PDResources resources = page.getResources(); // inherited from the page tree when the page has none
            if (resources != null) {
                resourcesToVisit.add(resources.getCOSObject());
            }
        }
        // a queue, not recursion: hostile files nest forms deeply enough to overflow the stack
        while (!resourcesToVisit.isEmpty()) {
            visitResources(resourcesToVisit.pop());
        }
    }

    private void spendOnContents(COSBase contents) throws IOException {
        if (contents instanceof COSStream) {
            spend((COSStream) contents);
        } else if (contents instanceof COSArray) {
            COSArray parts = (COSArray) contents;
            for (int i = 0; i < parts.size(); i++) {
                COSBase stream = parts.getObject(i); // resolves the indirect reference
                if (stream instanceof COSStream) {
                    spend((COSStream) stream);
                }
            }
        }
    }

    private void visitResources(COSDictionary resources) throws IOException {
        if (!seen.add(resources)) {
            return;
        }
        COSDictionary xObjects = resources.getCOSDictionary(COSName.XOBJECT);
        if (xObjects != null) {
            for (COSName name : xObjects.keySet()) {
                COSBase xObject = xObjects.getDictionaryObject(name);
                // images are skipped: text extraction never decodes them
                if (hasSubtype(xObject, COSName.FORM) && xObject instanceof COSStream) {
                    spend((COSStream) xObject);
                    queueResourcesOf((COSDictionary) xObject);
                }
            }
        }
        COSDictionary fonts = resources.getCOSDictionary(COSName.FONT);
        if (fonts != null) {
            for (COSName name : fonts.keySet()) {
                COSBase font = fonts.getDictionaryObject(name);
                if (hasSubtype(font, COSName.TYPE3)) {
                    spendOnGlyphs((COSDictionary) font);
                    queueResourcesOf((COSDictionary) font);
                }
            }
        }
    }

    private void spendOnGlyphs(COSDictionary type3Font) throws IOException {
        COSDictionary charProcs = type3Font.getCOSDictionary(COSName.CHAR_PROCS);
        if (charProcs == null) {
            return;
        }
        for (COSName glyph : charProcs.keySet()) {
            COSBase procedure = charProcs.getDictionaryObject(glyph);
            if (procedure instanceof COSStream) {
                spend((COSStream) procedure);
            }
        }
    }

    private static boolean hasSubtype(COSBase object, COSName subtype) {
        return object instanceof COSDictionary && subtype.equals(((COSDictionary) object).getCOSName(COSName.SUBTYPE));
    }

    private void queueResourcesOf(COSDictionary owner) {
        COSDictionary resources = owner.getCOSDictionary(COSName.RESOURCES);
        if (resources != null) {
            resourcesToVisit.add(resources);
        }
    }

    private void spend(COSStream stream) throws IOException {
        if (seen.add(stream)) {
            decodedBytes += DecodedSize.of(stream, maxBytes - decodedBytes);
            if (decodedBytes > maxBytes) {
                throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, String.format(
                        "the PDF's page content decodes to more than %,d bytes, the limit that guards against "
                                + "decompression bombs", maxBytes));
            }
        }
    }
}
