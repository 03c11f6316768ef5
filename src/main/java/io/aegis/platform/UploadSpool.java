package io.aegis.platform;

import io.aegis.platform.security.RequestBodyLimits;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where multipart uploads touch the disk, and the guarantee that they leave nothing there. The servlet container
 * spools every part under {@code aegis.upload.spool-dir} (never in the heap; the request may be the upload limit plus
 * its envelope, no more), and Camel's platform-http binding then moves each file part into the servlet "temp dir".
 * That temp dir is made a folder of its own per request, deleted with everything in it when the request ends
 * (answered, refused, failed or timed out), so a client cannot fill the disk with parts that are answered 400.
 */
@Configuration(proxyBeanMethods = false)
public class UploadSpool {

    private static final Logger log = LoggerFactory.getLogger(UploadSpool.class);

    @Bean
    MultipartConfigElement multipartConfig(UploadProperties upload) throws IOException {
        Path spool = Files.createDirectories(upload.spoolDir().toAbsolutePath());
        long max = upload.maxBytes().toBytes();
        // Threshold 0: every part goes to disk, none sits in the heap.
        return new MultipartConfigElement(spool.toString(), max, max + RequestBodyLimits.MULTIPART_ENVELOPE, 0);
    }

    @Bean
    FilterRegistrationBean<RequestFolders> uploadRequestFolders(UploadProperties upload) {
        var registration = new FilterRegistrationBean<>(new RequestFolders(upload.spoolDir().toAbsolutePath()));
        // Outside everything else, so the folder goes whatever answers the request.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Gives each multipart request its own servlet temp dir and deletes it when the request is over. */
    static final class RequestFolders extends OncePerRequestFilter {

        private final Path root;

        RequestFolders(Path root) {
            this.root = root;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String type = request.getContentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                chain.doFilter(request, response);
                return;
            }
            Path folder = root.resolve("request-" + UUID.randomUUID());
            boolean async = false;
            try {
                chain.doFilter(new OwnTempDir(request, folder), response);
                if (request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(new DeleteWhenDone(folder));
                    async = true;
                }
            } finally {
                if (!async) {
                    delete(folder);
                }
            }
        }

        @Override
        protected boolean shouldNotFilterAsyncDispatch() {
            return true;
        }
    }

    /** The request as the binding sees it: the servlet context answers the temp dir with the request's own folder. */
    private static final class OwnTempDir extends HttpServletRequestWrapper {

        private final ServletContext context;

        OwnTempDir(HttpServletRequest request, Path folder) {
            super(request);
            ServletContext real = request.getServletContext();
            this.context = (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                    new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getAttribute") && args != null && ServletContext.TEMPDIR.equals(args[0])) {
                            return created(folder).toFile();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public ServletContext getServletContext() {
            return context;
        }

        private static Path created(Path folder) {
            try {
                return Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record DeleteWhenDone(Path folder) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            delete(folder);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            delete(folder);
        }

        @Override
        public void onError(AsyncEvent event) {
            delete(folder);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete the upload folder {}: {}", folder, e.toString());
        }
    }
}
