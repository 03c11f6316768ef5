package io.aegis.media.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.GeoLocation;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A curated, JSON-friendly EXIF summary read with metadata-extractor: camera, lens, exposure, date,
 * orientation, GPS, and the names of the metadata directories found. Best effort: any parse error
 * yields what was read so far, because dimensions come from ImageIO and must not depend on this.
 */
final class CameraMetadata {

    private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private CameraMetadata() {
    }

    static Map<String, Object> read(Path file) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
            describe(metadata, out);
        } catch (Exception e) {
            // Unknown container, broken EXIF, truncated segment: keep whatever was collected.
        }
        return out;
    }

    /** The same summary from a bare EXIF block (TIFF header first), as HEIF and AVIF files carry it. */
    static Map<String, Object> fromExif(byte[] tiff) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (tiff == null) {
            return out;
        }
        try {
            Metadata metadata = new Metadata();
            new ExifReader().extract(new ByteArrayReader(tiff), metadata);
            describe(metadata, out);
        } catch (Exception e) {
            // Broken EXIF: keep whatever was collected.
        }
        return out;
    }

    private static void describe(Metadata metadata, Map<String, Object> out) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        putString(out, "make", ifd0, ExifDirectoryBase.TAG_MAKE);
        putString(out, "model", ifd0, ExifDirectoryBase.TAG_MODEL);
        putString(out, "lensModel", sub, ExifDirectoryBase.TAG_LENS_MODEL);
        putString(out, "software", ifd0, ExifDirectoryBase.TAG_SOFTWARE);
        putDate(out, sub);
        putDecimal(out, "exposureTime", sub, ExifDirectoryBase.TAG_EXPOSURE_TIME);
        putDecimal(out, "fNumber", sub, ExifDirectoryBase.TAG_FNUMBER);
        putInteger(out, "iso", sub, ExifDirectoryBase.TAG_ISO_EQUIVALENT);
        putDecimal(out, "focalLength", sub, ExifDirectoryBase.TAG_FOCAL_LENGTH);
        putOrientation(out, ifd0);
        putGps(out, metadata.getFirstDirectoryOfType(GpsDirectory.class));
        List<String> names = new ArrayList<>();
        for (Directory directory : metadata.getDirectories()) {
            names.add(directory.getName());
        }
        out.put("directories", List.copyOf(names));
    }

    private static void putString(Map<String, Object> out, String key, Directory dir, int tag) {
        String value = dir == null ? null : dir.getString(tag);
        if (value != null && !value.isBlank()) {
            out.put(key, value.trim());
        }
    }

    private static void putDecimal(Map<String, Object> out, String key, Directory dir, int tag) {
        Rational value = dir == null ? null : dir.getRational(tag);
        if (value != null && value.getDenominator() != 0) {
            out.put(key, value.doubleValue());
        }
    }

    private static void putInteger(Map<String, Object> out, String key, Directory dir, int tag) {
        Integer value = dir == null ? null : dir.getInteger(tag);
        if (value != null) {
            out.put(key, value);
        }
    }

    /** EXIF dates carry no zone unless OffsetTimeOriginal is set, so the ISO string is local time plus that offset. */
    private static void putDate(Map<String, Object> out, ExifSubIFDDirectory sub) {
        String raw = sub == null ? null : sub.getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL);
        if (raw == null) {
            return;
        }
        try {
            String iso = LocalDateTime.parse(raw.trim(), EXIF_DATE).toString();
            String offset = sub.getString(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL);
            out.put("dateTimeOriginal", offset != null && offset.trim().matches("[+-]\\d\\d:\\d\\d") ? iso + offset.trim() : iso);
        } catch (RuntimeException e) {
            // Cameras with an unset clock write "0000:00:00 00:00:00": no date is better than a wrong one.
        }
    }

    private static void putOrientation(Map<String, Object> out, ExifIFD0Directory ifd0) {
        Integer value = ifd0 == null ? null : ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
        if (value != null && value >= 1 && value <= 8) {
            out.put("orientation", value);
        }
    }

    private static void putGps(Map<String, Object> out, GpsDirectory gps) {
        GeoLocation location = gps == null ? null : gps.getGeoLocation();
        if (location != null && !location.isZero()) {
            out.put("gpsLatitude", location.getLatitude());
            out.put("gpsLongitude", location.getLongitude());
        }
    }
}
