package io.aegis.media.image;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a HEIF file (HEIC from phones, AVIF) declares in its {@code meta} box — the primary image's size
 * and rotation, every size a decoder would allocate (each item's {@code ispe}, each grid's output), alpha and
 * the EXIF block — without decoding any picture. ISO/IEC 23008-12 boxes only; the coded data is never touched.
 */
final class HeifHeader {

    /** An iPhone's meta box is a few KB (a 48 MP grid about 30 KB); one past this is not a photo. */
    static final int MAX_META_BYTES = 4 * 1024 * 1024;
    private static final int MAX_EXIF_BYTES = 1024 * 1024;
    private static final int MAX_TOP_LEVEL_BOXES = 10_000;

    /**
     * @param format               {@code heic}, {@code avif} or {@code heif}, from the primary image's coding
     * @param width                displayed width: {@code ispe} turned by {@code irot}
     * @param largestDeclaredPixels the most pixels any one item or grid declares: what a decoder may allocate
     * @param exifTiff             the EXIF block from its TIFF header on, or null when the file carries none
     */
    record Declared(String format, int width, int height, long largestDeclaredPixels, boolean hasAlpha, byte[] exifTiff) {
    }

    private final FileChannel file;
    private final long fileSize;
    private final Map<Integer, String> itemTypes = new HashMap<>();
    private final Map<Integer, Location> locations = new HashMap<>();
    private final List<Property> properties = new ArrayList<>();
    private final Map<Integer, List<Integer>> associations = new HashMap<>();
    private final List<Reference> references = new ArrayList<>();
    private ByteBuffer idat;
    private int primary = -1;

    private HeifHeader(FileChannel file) throws IOException {
        this.file = file;
        this.fileSize = file.size();
    }

    /** @throws StepFailure CORRUPT_MEDIA when the boxes are missing, truncated or inconsistent */
    static Declared read(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            HeifHeader header = new HeifHeader(channel);
            header.parseMeta(header.findMeta());
            return header.declared();
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw corrupt("a box ends before its content does");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ByteBuffer findMeta() throws IOException {
        long at = 0;
        for (int boxes = 0; at + 8 <= fileSize && boxes < MAX_TOP_LEVEL_BOXES; boxes++) {
            BoxHeader box = BoxHeader.read(readAt(at, (int) Math.min(16, fileSize - at)), fileSize - at);
            if (box.size() < box.length() || at + box.size() > fileSize) {
                throw corrupt("the " + box.type() + " box claims " + box.size() + " bytes the file does not have");
            }
            if ("meta".equals(box.type())) {
                if (box.contentSize() > MAX_META_BYTES) {
                    throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, "the HEIF header (meta box) has " + box.size()
                            + " bytes; photos need a few KB and the limit is " + MAX_META_BYTES);
                }
                return readAt(at + box.length(), (int) box.contentSize());
            }
            at += box.size();
        }
        throw corrupt("there is no meta box describing an image");
    }

    private void parseMeta(ByteBuffer meta) {
        meta.getInt(); // version and flags
        for (Box box : children(meta)) {
            switch (box.type) {
                case "pitm" -> {
                    int version = Byte.toUnsignedInt(box.data.get());
                    box.data.position(box.data.position() + 3);
                    primary = version == 0 ? Short.toUnsignedInt(box.data.getShort()) : box.data.getInt();
                }
                case "iinf" -> parseItemInfos(box.data);
                case "iloc" -> parseLocations(box.data);
                case "iprp" -> parseProperties(box.data);
                case "iref" -> parseReferences(box.data);
                case "idat" -> idat = box.data;
                default -> {
                    // hdlr, dinf, grpl...: nothing a decoder sizes its buffers by
                }
            }
        }
    }

    private void parseItemInfos(ByteBuffer iinf) {
        int version = Byte.toUnsignedInt(iinf.get());
        iinf.position(iinf.position() + 3);
        iinf.position(iinf.position() + (version == 0 ? 2 : 4)); // entry count: the boxes themselves are counted
        for (Box infe : children(iinf)) {
            if (!"infe".equals(infe.type)) {
                continue;
            }
            int infeVersion = Byte.toUnsignedInt(infe.data.get());
            infe.data.position(infe.data.position() + 3);
            if (infeVersion >= 2) {
                int id = infeVersion == 2 ? Short.toUnsignedInt(infe.data.getShort()) : infe.data.getInt();
                infe.data.getShort(); // protection index
                itemTypes.put(id, fourCc(infe.data));
            }
        }
    }

    private void parseLocations(ByteBuffer iloc) {
        int version = Byte.toUnsignedInt(iloc.get());
        iloc.position(iloc.position() + 3);
        int sizes = Short.toUnsignedInt(iloc.getShort());
        int offsetSize = sizes >> 12;
        int lengthSize = (sizes >> 8) & 0xF;
        int baseOffsetSize = (sizes >> 4) & 0xF;
        int indexSize = version == 1 || version == 2 ? sizes & 0xF : 0;
        long count = version < 2 ? Short.toUnsignedInt(iloc.getShort()) : Integer.toUnsignedLong(iloc.getInt());
        for (long i = 0; i < count; i++) {
            int id = version < 2 ? Short.toUnsignedInt(iloc.getShort()) : iloc.getInt();
            int method = version == 1 || version == 2 ? iloc.getShort() & 0xF : 0;
            iloc.getShort(); // data reference index
            long base = readSized(iloc, baseOffsetSize);
            int extentCount = Short.toUnsignedInt(iloc.getShort());
            List<long[]> extents = new ArrayList<>(Math.min(extentCount, 64));
            for (int e = 0; e < extentCount; e++) {
                readSized(iloc, indexSize);
                long offset = readSized(iloc, offsetSize);
                long length = readSized(iloc, lengthSize);
                extents.add(new long[] {base + offset, length});
            }
            locations.put(id, new Location(method, extents));
        }
    }

    private void parseProperties(ByteBuffer iprp) {
        for (Box box : children(iprp)) {
            if ("ipco".equals(box.type)) {
                for (Box property : children(box.data)) {
                    properties.add(new Property(property.type, property.data));
                }
            } else if ("ipma".equals(box.type)) {
                ByteBuffer ipma = box.data;
                int version = Byte.toUnsignedInt(ipma.get());
                int flags = ((ipma.get() & 0xFF) << 16) | ((ipma.get() & 0xFF) << 8) | (ipma.get() & 0xFF);
                long entries = Integer.toUnsignedLong(ipma.getInt());
                for (long i = 0; i < entries; i++) {
                    int id = version < 1 ? Short.toUnsignedInt(ipma.getShort()) : ipma.getInt();
                    int count = Byte.toUnsignedInt(ipma.get());
                    List<Integer> indices = associations.computeIfAbsent(id, k -> new ArrayList<>());
                    for (int a = 0; a < count; a++) {
                        indices.add((flags & 1) == 1 ? ipma.getShort() & 0x7FFF : ipma.get() & 0x7F);
                    }
                }
            }
        }
    }

    private void parseReferences(ByteBuffer iref) {
        int version = Byte.toUnsignedInt(iref.get());
        iref.position(iref.position() + 3);
        for (Box box : children(iref)) {
            int from = version == 0 ? Short.toUnsignedInt(box.data.getShort()) : box.data.getInt();
            int count = Short.toUnsignedInt(box.data.getShort());
            List<Integer> to = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                to.add(version == 0 ? Short.toUnsignedInt(box.data.getShort()) : box.data.getInt());
            }
            references.add(new Reference(box.type, from, to));
        }
    }

    private Declared declared() throws IOException {
        if (primary < 0) {
            throw corrupt("no primary image is named (pitm)");
        }
        ByteBuffer ispe = property(primary, "ispe");
        if (ispe == null) {
            throw corrupt("the primary image declares no size (ispe)");
        }
        int[] size = spatialExtent(ispe);
        long largest = (long) size[0] * size[1];
        for (Property property : properties) {
            if ("ispe".equals(property.type)) {
                int[] extent = spatialExtent(property.data);
                largest = Math.max(largest, (long) extent[0] * extent[1]);
            }
        }
        for (var item : itemTypes.entrySet()) {
            if ("grid".equals(item.getValue())) {
                largest = Math.max(largest, gridOutputPixels(item.getKey()));
            }
        }
        for (var location : locations.entrySet()) {
            for (long[] extent : location.getValue().extents) {
                // a length of 0 means "to the end of the file"; an extent past the end is a cut upload
                if (location.getValue().constructionMethod == 0 && (extent[0] < 0 || extent[1] < 0 || extent[0] + extent[1] > fileSize)) {
                    throw corrupt("item " + location.getKey() + "'s data lies beyond the end of the file (cut short?)");
                }
            }
        }
        ByteBuffer irot = property(primary, "irot");
        boolean quarterTurn = irot != null && (irot.get(irot.position()) & 1) == 1;
        return new Declared(format(), quarterTurn ? size[1] : size[0], quarterTurn ? size[0] : size[1], largest,
                hasAlpha(), exif());
    }

    private String format() {
        String coding = itemTypes.getOrDefault(primary, "");
        if ("grid".equals(coding)) {
            coding = references.stream().filter(r -> "dimg".equals(r.type) && r.from == primary && !r.to.isEmpty())
                    .map(r -> itemTypes.getOrDefault(r.to.get(0), "")).findFirst().orElse("");
        }
        return switch (coding) {
            case "av01" -> "avif";
            case "hvc1" -> "heic";
            default -> "heif";
        };
    }

    private boolean hasAlpha() {
        for (Reference reference : references) {
            if ("auxl".equals(reference.type) && reference.to.contains(primary)) {
                ByteBuffer auxC = property(reference.from, "auxC");
                if (auxC != null) {
                    ByteBuffer type = auxC.duplicate();
                    type.position(type.position() + 4);
                    byte[] urn = new byte[type.remaining()];
                    type.get(urn);
                    if (new String(urn, StandardCharsets.US_ASCII).contains("alpha")
                            || new String(urn, StandardCharsets.US_ASCII).startsWith("urn:mpeg:hevc:2015:auxid:1")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The EXIF item describing the primary image (cdsc), as metadata-extractor's ExifReader wants it. */
    private byte[] exif() throws IOException {
        for (Reference reference : references) {
            if ("cdsc".equals(reference.type) && reference.to.contains(primary)
                    && "Exif".equals(itemTypes.get(reference.from))) {
                byte[] data = itemData(reference.from, MAX_EXIF_BYTES);
                if (data == null || data.length < 4) {
                    return null;
                }
                int tiffOffset = ByteBuffer.wrap(data).getInt() + 4;
                if (tiffOffset < 4 || tiffOffset >= data.length) {
                    return null;
                }
                byte[] tiff = new byte[data.length - tiffOffset];
                System.arraycopy(data, tiffOffset, tiff, 0, tiff.length);
                return tiff;
            }
        }
        return null;
    }

    /** A grid's output size lives in the grid item's data (ImageGrid), not in a property. */
    private long gridOutputPixels(int item) throws IOException {
        byte[] data = itemData(item, 64);
        if (data == null || data.length < 8) {
            throw corrupt("a grid image has no grid description");
        }
        ByteBuffer grid = ByteBuffer.wrap(data);
        grid.get(); // version
        boolean wide = (grid.get() & 1) == 1;
        grid.getShort(); // rows and columns
        long width = wide ? Integer.toUnsignedLong(grid.getInt()) : Short.toUnsignedInt(grid.getShort());
        long height = wide ? Integer.toUnsignedLong(grid.getInt()) : Short.toUnsignedInt(grid.getShort());
        return width * height;
    }

    private byte[] itemData(int item, int maxBytes) throws IOException {
        Location location = locations.get(item);
        if (location == null) {
            return null;
        }
        long total = location.extents.stream().mapToLong(e -> e[1]).sum();
        if (total > maxBytes || total < 0) {
            throw corrupt("item " + item + " declares " + total + " bytes where at most " + maxBytes + " make sense");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        for (long[] extent : location.extents) {
            if (location.constructionMethod == 1) {
                if (idat == null || extent[0] < 0 || extent[0] + extent[1] > idat.limit() - idat.position()) {
                    throw corrupt("item " + item + " points outside the idat box");
                }
                ByteBuffer slice = idat.duplicate();
                slice.position(idat.position() + (int) extent[0]).limit(idat.position() + (int) (extent[0] + extent[1]));
                out.put(slice);
            } else if (location.constructionMethod == 0) {
                if (extent[0] < 0 || extent[0] + extent[1] > fileSize) {
                    throw corrupt("item " + item + " points outside the file");
                }
                out.put(readAt(extent[0], (int) extent[1]));
            } else {
                return null;
            }
        }
        return out.array();
    }

    private ByteBuffer property(int item, String type) {
        for (int index : associations.getOrDefault(item, List.of())) {
            if (index >= 1 && index <= properties.size() && type.equals(properties.get(index - 1).type)) {
                return properties.get(index - 1).data.duplicate();
            }
        }
        return null;
    }

    private static int[] spatialExtent(ByteBuffer ispe) {
        ByteBuffer data = ispe.duplicate();
        data.getInt(); // version and flags
        long width = Integer.toUnsignedLong(data.getInt());
        long height = Integer.toUnsignedLong(data.getInt());
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw corrupt("an image declares the size " + width + "×" + height);
        }
        return new int[] {(int) width, (int) height};
    }

    /**
     * An ISO-BMFF box header: a 32-bit size (1: a 64-bit size follows the type; 0: the box runs to the end of what
     * holds it, {@code toEnd} bytes from its start) and a four-character type; {@code length} is the header's own.
     */
    private record BoxHeader(String type, long size, int length) {

        static BoxHeader read(ByteBuffer in, long toEnd) {
            long size = Integer.toUnsignedLong(in.getInt());
            String type = fourCc(in);
            if (size == 1) {
                return new BoxHeader(type, in.getLong(), 16);
            }
            return new BoxHeader(type, size == 0 ? toEnd : size, 8);
        }

        long contentSize() {
            return size - length;
        }
    }

    private static List<Box> children(ByteBuffer parent) {
        List<Box> boxes = new ArrayList<>();
        while (parent.remaining() >= 8) {
            BoxHeader box = BoxHeader.read(parent, parent.remaining());
            if (box.size() < box.length() || box.contentSize() > parent.remaining()) {
                throw corrupt("the " + box.type() + " box is larger than the box holding it");
            }
            ByteBuffer data = parent.slice(parent.position(), (int) box.contentSize());
            parent.position(parent.position() + (int) box.contentSize());
            boxes.add(new Box(box.type(), data));
        }
        return boxes;
    }

    private ByteBuffer readAt(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw corrupt("the file ends inside a box");
            }
        }
        return buffer.flip();
    }

    private static long readSized(ByteBuffer buffer, int bytes) {
        return switch (bytes) {
            case 0 -> 0;
            case 4 -> Integer.toUnsignedLong(buffer.getInt());
            case 8 -> buffer.getLong();
            default -> throw corrupt("iloc uses a field size of " + bytes + " bytes");
        };
    }

    private static String fourCc(ByteBuffer buffer) {
        byte[] type = new byte[4];
        buffer.get(type);
        return new String(type, StandardCharsets.ISO_8859_1);
    }

    private static StepFailure corrupt(String why) {
        return new StepFailure(ErrorCode.CORRUPT_MEDIA, "the HEIF/AVIF header cannot be read: " + why);
    }

    private record Box(String type, ByteBuffer data) {
    }

    private record Property(String type, ByteBuffer data) {
    }

    private record Location(int constructionMethod, List<long[]> extents) {
    }

    private record Reference(String type, int from, List<Integer> to) {
    }
}
