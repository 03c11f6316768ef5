package io.aegis.manage;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Removes everything under a key prefix of a bucket: every version and delete marker where the bucket is versioned
 * (so nothing can be restored), then whatever a plain listing still shows (an unversioned bucket, or a store without
 * version listing), and the unfinished multipart uploads. Safe to repeat.
 */
@Component
public class BucketPrefixes {

    private static final Logger log = LoggerFactory.getLogger(BucketPrefixes.class);
    private static final int BATCH = 100;

    private final S3Client s3;

    public BucketPrefixes(S3Client s3) {
        this.s3 = s3;
    }

    /** How many objects (versions included) were removed. */
    public int purge(String bucket, String prefix) {
        int removed = purgeVersions(bucket, prefix);
        List<ObjectIdentifier> batch = new ArrayList<>();
        for (var object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            batch.add(ObjectIdentifier.builder().key(object.key()).build());
            if (batch.size() == BATCH) {
                removed += delete(bucket, batch);
            }
        }
        removed += delete(bucket, batch);
        abortUploads(bucket, prefix);
        return removed;
    }

    private int purgeVersions(String bucket, String prefix) {
        List<ObjectIdentifier> batch = new ArrayList<>();
        int removed = 0;
        try {
            for (var page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix))) {
                for (var version : page.versions()) {
                    batch.add(ObjectIdentifier.builder().key(version.key()).versionId(version.versionId()).build());
                }
                for (var marker : page.deleteMarkers()) {
                    batch.add(ObjectIdentifier.builder().key(marker.key()).versionId(marker.versionId()).build());
                }
                if (batch.size() >= BATCH) {
                    removed += delete(bucket, batch);
                }
            }
            return removed + delete(bucket, batch);
        } catch (S3Exception e) {
            if (!unsupported(e)) {
                throw e; // AccessDenied and the like: a 204 now would leave versions that can be restored
            }
            // A store without version listing: the plain listing below removes the objects.
            log.debug("no version listing for {}: {}", bucket, e.getMessage());
            return removed;
        }
    }

    /**
     * One DeleteObject per key (and version), not DeleteObjects: each is authorised against the object's own ARN
     * everywhere, whereas moto (make aws-e2e) authorises a DeleteObjects against the bucket's ARN and refuses a role
     * whose grant names objects. An asset has tens of objects, and S3 answers a missing one with success.
     */
    private int delete(String bucket, List<ObjectIdentifier> batch) {
        for (ObjectIdentifier id : batch) {
            s3.deleteObject(b -> b.bucket(bucket).key(id.key()).versionId(id.versionId()));
        }
        int count = batch.size();
        batch.clear();
        return count;
    }

    private void abortUploads(String bucket, String prefix) {
        try {
            for (var upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                } catch (NoSuchUploadException endedMeanwhile) {
                    // completed or aborted since it was listed: the object listing of the next purge finds what is left
                }
            }
        } catch (S3Exception e) {
            if (!unsupported(e)) {
                throw e;
            }
            log.debug("no multipart upload listing for {}: {}", bucket, e.getMessage());
        }
    }

    /** The store does not implement the call (501 NotImplemented); any other error is a real failure. */
    static boolean unsupported(S3Exception e) {
        return e.statusCode() == 501 || (e.awsErrorDetails() != null
                && "NotImplemented".equals(e.awsErrorDetails().errorCode()));
    }
}
