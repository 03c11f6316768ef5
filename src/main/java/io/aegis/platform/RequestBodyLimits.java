package io.aegis.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body that is too large from its Content-Length, before a byte of it is read: uploads above the
 * upload limit (plus room for the multipart envelope) and JSON bodies above {@code json-max-bytes}. A chunked
 * upload has no length up front; the servlet container's multipart limit stops it while it streams to disk.
 * A chunked non-multipart body is refused (411): its size could only be known by reading it.
 */
public class RequestBodyLimits extends OncePerRequestFilter {

    // Boundaries, part headers and the file name around the file itself.
    static final long MULTIPART_ENVELOPE = DataSize.ofKilobytes(64).toBytes();

    private final long uploadMaxBytes;
    private final long jsonMaxBytes;
    private final ProblemResponses problems;

    public RequestBodyLimits(DataSize uploadMaxBytes, DataSize jsonMaxBytes, ProblemResponses problems) {
        this.uploadMaxBytes = uploadMaxBytes.toBytes();
        this.jsonMaxBytes = jsonMaxBytes.toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        String type = request.getContentType();
        boolean multipart = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
        if (multipart && length > uploadMaxBytes + MULTIPART_ENVELOPE) {
            tooLarge(response, "File too large", "the upload exceeds the limit of " + uploadMaxBytes + " bytes");
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
        // Nothing of the body will be read: the connection cannot be reused for another request.
        response.setHeader("Connection", "close");
        problems.write(response, Problem.of(413, title, detail));
        // Sent now: the container would otherwise first try to read (swallow) the body the client may still hold.
        response.flushBuffer();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }
}
