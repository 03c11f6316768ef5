package io.aegis.media.pdf;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/** Measures how large a stream decodes to without keeping the bytes, giving up as soon as it passes a cap. */
final class DecodedSize {

    // content streams may only use these; image codecs (DCT, JPX, JBIG2, CCITT) would decode a whole raster
    private static final Set<COSName> CONTENT_FILTERS = Set.of(
            COSName.FLATE_DECODE, COSName.FLATE_DECODE_ABBREVIATION,
            COSName.LZW_DECODE, COSName.LZW_DECODE_ABBREVIATION,
            COSName.ASCII_HEX_DECODE, COSName.ASCII_HEX_DECODE_ABBREVIATION,
            COSName.ASCII85_DECODE, COSName.ASCII85_DECODE_ABBREVIATION,
            COSName.RUN_LENGTH_DECODE, COSName.RUN_LENGTH_DECODE_ABBREVIATION,
            COSName.CRYPT);

    private DecodedSize() {
    }

    /** The number of bytes {@code stream} decodes to, or {@code cap + 1} once it passes {@code cap}. */
    static long of(COSStream stream, long cap) throws IOException {
        List<Filter> filters = filters(stream);
        // PDFBox allocates predictor rows up front, so a hostile /Columns alone could exhaust the heap
        if (largestPredictorRow(stream) > cap) {
            return cap + 1;
        }
        List<Path> stages = new ArrayList<>();
        try {
            InputStream input = stream.createRawInputStream();
            // a chain of filters hands over through temp files, each stage capped like the result
            for (int i = 0; i < filters.size() - 1; i++) {
                Path stage = Files.createTempFile("aegis-pdf-", ".stage");
                stages.add(stage);
                try (InputStream in = input; OutputStream out = new CappedCounter(cap, Files.newOutputStream(stage))) {
                    filters.get(i).decode(in, out, stream, i);
                }
                input = Files.newInputStream(stage);
            }
            try (InputStream in = input; CappedCounter counter = new CappedCounter(cap, OutputStream.nullOutputStream())) {
                if (filters.isEmpty()) {
                    in.transferTo(counter);
                } else {
                    filters.get(filters.size() - 1).decode(in, counter, stream, filters.size() - 1);
                }
                return counter.count();
            }
        } catch (CappedCounter.CapReached e) {
            return cap + 1;
        } finally {
            for (Path stage : stages) {
                Files.deleteIfExists(stage);
            }
        }
    }

    private static List<Filter> filters(COSStream stream) throws IOException {
        COSBase filter = stream.getFilters();
        List<COSName> names = new ArrayList<>();
        if (filter instanceof COSName) {
            names.add((COSName) filter);
        } else if (filter instanceof COSArray) {
            COSArray array = (COSArray) filter;
            for (int i = 0; i < array.size(); i++) {
                COSBase name = array.getObject(i);
                if (!(name instanceof COSName)) {
                    throw new IOException("a stream's filter list holds " + name + " instead of a name");
                }
                names.add((COSName) name);
            }
        }
        List<Filter> filters = new ArrayList<>();
        for (COSName name : names) {
            if (!CONTENT_FILTERS.contains(name)) {
                throw new StepFailure(ErrorCode.CORRUPT_MEDIA,
                        "the PDF's page content is encoded with " + name.getName() + ", which only images may use");
            }
            Filter decoder = FilterFactory.INSTANCE.getFilter(name);
            // PDFBox drops repeated filters before decoding, so the count does too
            if (!filters.contains(decoder)) {
                filters.add(decoder);
            }
        }
        return filters;
    }

    private static long largestPredictorRow(COSStream stream) {
        COSBase parameters = stream.getDictionaryObject(COSName.DECODE_PARMS, COSName.DP);
        List<COSDictionary> perFilter = new ArrayList<>();
        if (parameters instanceof COSDictionary) {
            perFilter.add((COSDictionary) parameters);
        } else if (parameters instanceof COSArray) {
            COSArray array = (COSArray) parameters;
            for (int i = 0; i < array.size(); i++) {
                COSBase resolved = array.getObject(i);
                if (resolved instanceof COSDictionary) {
                    perFilter.add((COSDictionary) resolved);
                }
            }
        }
        long largest = 0;
        for (COSDictionary p : perFilter) {
            if (p.getInt(COSName.PREDICTOR) > 1) {
                long bits = (long) Math.min(p.getInt(COSName.COLORS, 1), 32) * p.getInt(COSName.BITS_PER_COMPONENT, 8)
                        * p.getInt(COSName.COLUMNS, 1);
                largest = Math.max(largest, Math.abs(bits) / 8);
            }
        }
        return largest;
    }
}
