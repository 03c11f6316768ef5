package io.aegis.platform.security;

import io.aegis.platform.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Runs each REST call (platform-http hands every one to this executor, on the request's thread) on the pool of its
 * kind ({@link ApiConcern}): uploads on threads of their own, so 16 slow uploads never delay a read. Each pool has a
 * bounded queue; {@link ApiAdmission} lets no more calls in than threads plus queue, and a call that still finds no
 * room is answered 503 ({@link ProblemResponses}).
 */
public class ConcernExecutor implements AsyncTaskExecutor {

    private final ThreadPoolTaskExecutor uploads;
    private final ThreadPoolTaskExecutor reads;

    public ConcernExecutor(ThreadPoolTaskExecutor uploads, ThreadPoolTaskExecutor reads) {
        this.uploads = uploads;
        this.reads = reads;
    }

    @Override
    public void execute(Runnable task) {
        poolForThisRequest().execute(task);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return poolForThisRequest().submit(task);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return poolForThisRequest().submit(task);
    }

    private ThreadPoolTaskExecutor poolForThisRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return ApiConcern.of(request) == ApiConcern.UPLOADS ? uploads : reads;
        }
        return reads;
    }
}
