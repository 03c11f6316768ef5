package io.aegis.platform.security;

import io.aegis.platform.DiskSpace;
import io.aegis.platform.Problem;
import io.aegis.platform.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body from its headers, before a byte of it is read: multipart anywhere but {@code POST /v1/upload}
 * (415: no other call takes files); uploads above the upload limit (plus room for the multipart envelope) and JSON
 * bodies above {@code json-max-bytes} (413); an upload while the disk is short of space (503, {@link DiskSpace}).
 * A chunked upload has no length up front; the servlet container's multipart limits stop it while it streams to
 * disk. A chunked non-multipart body is refused (411): its size could only be known by reading it.
 */
public class RequestBodyLimits extends OncePerRequestFilter {

    // Boundaries, part headers and the file name around the file itself.
    public static final long MULTIPART_ENVELOPE = DataSize.ofKilobytes(64).toBytes();
    static final String UPLOAD_PATH = "/v1/upload";
    static final int DISK_RETRY_AFTER_SECONDS = 60;

    private final long uploadMaxBytes;
    private final long jsonMaxBytes;
    private final DiskSpace disk;
    private final ProblemResponses problems;

    public RequestBodyLimits(DataSize uploadMaxBytes, DataSize jsonMaxBytes, DiskSpace disk, ProblemResponses problems) {
        this.uploadMaxBytes = uploadMaxBytes.toBytes();
        this.jsonMaxBytes = jsonMaxBytes.toBytes();
        this.disk = disk;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        String type = request.getContentType();
        boolean multipart = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
        if (multipart && !("POST".equals(request.getMethod()) && UPLOAD_PATH.equals(request.getRequestURI()))) {
            refuseBody(response, Problem.of(415, "Unsupported Media Type",
                    "only POST " + UPLOAD_PATH + " takes multipart/form-data"));
            return;
        }
        if (multipart && length > uploadMaxBytes + MULTIPART_ENVELOPE) {
            tooLarge(response, "File too large", "the upload exceeds the limit of " + uploadMaxBytes + " bytes");
            return;
        }
        if (multipart && !disk.hasRoomFor(length < 0 ? uploadMaxBytes : length)) {
            response.setHeader("Retry-After", Integer.toString(DISK_RETRY_AFTER_SECONDS));
            refuseBody(response, Problem.of(503, "Service Unavailable",
                    "not enough free disk space to take this upload now; try again later"));
            return;
        }
        if (!multipart && length > jsonMaxBytes) {
            tooLarge(response, "Payload Too Large", "the request body exceeds the limit of " + jsonMaxBytes + " bytes");
            return;
        }
        if (!multipart && length < 0 && request.getHeader("Transfer-Encoding") != null) {
            problems.write(response, Problem.of(411, "Length Required", "send the body with a Content-Length"));
            return;
        }
        chain.doFilter(request, response);
    }

    private void tooLarge(HttpServletResponse response, String title, String detail) throws IOException {
        refuseBody(response, Problem.of(413, title, detail));
    }

    private void refuseBody(HttpServletResponse response, Problem problem) throws IOException {
        problems.writeBeforeBody(response, problem);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }
}
