package parkwait.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 forwarding proxy on 127.0.0.1 between the AWS SDK and S3Mock that injects
 * faults (DESIGN 6). A rule matches a method and a substring of the request target (path and
 * query, as sent: keys are URL-encoded, so a listing's prefix reads {@code prefix=export%2F...}),
 * fires a given number of times, then the proxy forwards normally again.
 *
 * <p>Each request is forwarded on a fresh upstream connection ({@code Connection: close}) and its
 * answer buffered whole (test files are small), then given to the client with a Content-Length,
 * keeping the client's connection alive as a real server would. Every request is counted, so
 * tests can assert that retries are bounded.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy does instead of forwarding the answer as it is. */
    public enum Fault {
        /** Sends the headers and half of the body, then resets the connection (TCP RST). */
        RESET_MID_BODY,
        /** Sends the headers and half of the body, then closes normally: fewer bytes than Content-Length. */
        SHORT_BODY,
        /** Sends the headers and half of the body, then sends nothing more for the stall time. */
        STALL_MID_BODY,
        /** 500 InternalError with S3's XML error document. */
        INTERNAL_ERROR_500,
        /** 503 SlowDown with S3's XML error document. */
        SLOW_DOWN_503,
        /** 403 AccessDenied with S3's XML error document. */
        ACCESS_DENIED_403,
        /** 404 NoSuchBucket with S3's XML error document. */
        NO_SUCH_BUCKET_404
    }

    /** One request as seen by the proxy, and the fault it got, if any. */
    public record Seen(String method, String target, Fault fault) {
    }

    private record Rule(String method, String targetContains, Fault fault, AtomicInteger remaining) {
        boolean matches(String m, String target) {
            return method.equalsIgnoreCase(m) && target.contains(targetContains);
        }
    }

    private record Request(String method, String target, String version, List<String[]> headers, byte[] body) {
    }

    private record Response(String statusLine, List<String[]> headers, byte[] body) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "proxy-connection", "te", "trailer", "upgrade");

    private final URI upstream;
    private final Duration stall;
    private final ServerSocket server;
    private final ExecutorService pool;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);

    private FaultProxy(URI upstream, Duration stall) throws IOException {
        this.upstream = upstream;
        this.stall = stall;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        // Bounded: the SDK's pool holds a few connections per client; 32 is far more than any test needs.
        this.pool = Executors.newFixedThreadPool(33, r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        });
        pool.submit(this::acceptLoop);
    }

    /**
     * A proxy forwarding to {@code upstream} (http://host:port).
     *
     * @param stall how long {@link Fault#STALL_MID_BODY} sends nothing; longer than the client's socket timeout
     */
    public static FaultProxy start(URI upstream, Duration stall) throws IOException {
        return new FaultProxy(upstream, stall);
    }

    /** {@code http://127.0.0.1:port}, the endpoint to give the SDK. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The next {@code times} requests with this method whose target contains {@code targetContains} get {@code fault}. */
    public FaultProxy inject(String method, String targetContains, Fault fault, int times) {
        rules.add(new Rule(method, targetContains, fault, new AtomicInteger(times)));
        return this;
    }

    /** Forgets every rule that has not fired yet, and the requests seen. */
    public void reset() {
        rules.clear();
        seen.clear();
    }

    /** Requests with this method whose target contains {@code targetContains}. */
    public int requests(String method, String targetContains) {
        return (int) seen.stream().filter(s -> s.method().equalsIgnoreCase(method) && s.target().contains(targetContains)).count();
    }

    /** How many requests got a fault. */
    public int faultsFired() {
        return (int) seen.stream().filter(s -> s.fault() != null).count();
    }

    /** Every request so far, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) closeQuietly(s);
        pool.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                pool.submit(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            for (Request req; (req = readRequest(in)) != null; ) {
                Fault fault = take(req);
                seen.add(new Seen(req.method(), req.target(), fault));
                if (fault != null && errorStatus(fault) > 0) {
                    writeResponse(out, errorResponse(fault, req), req.method());
                    continue;
                }
                Response resp = forward(req);
                if (fault == null || resp.body().length == 0) {
                    writeResponse(out, resp, req.method());
                    continue;
                }
                writeHead(out, resp, resp.body().length);
                out.write(resp.body(), 0, resp.body().length / 2);
                out.flush();
                switch (fault) {
                    case RESET_MID_BODY -> client.setSoLinger(true, 0); // close() now sends RST
                    case STALL_MID_BODY -> closed.await(stall.toMillis(), TimeUnit.MILLISECONDS);
                    default -> { } // SHORT_BODY: a normal close before Content-Length bytes
                }
                return;
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the proxy is closing
        } finally {
            open.remove(client);
        }
    }

    private Fault take(Request req) {
        for (Rule r : rules) {
            if (r.matches(req.method(), req.target()) && r.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return r.fault();
            }
        }
        return null;
    }

    private static int errorStatus(Fault f) {
        return switch (f) {
            case INTERNAL_ERROR_500 -> 500;
            case SLOW_DOWN_503 -> 503;
            case ACCESS_DENIED_403 -> 403;
            case NO_SUCH_BUCKET_404 -> 404;
            default -> 0;
        };
    }

    private static Response errorResponse(Fault f, Request req) {
        String[] codeAndMessage = switch (f) {
            case INTERNAL_ERROR_500 -> new String[] {"InternalError", "We encountered an internal error. Please try again."};
            case SLOW_DOWN_503 -> new String[] {"SlowDown", "Please reduce your request rate."};
            case ACCESS_DENIED_403 -> new String[] {"AccessDenied", "Access Denied"};
            default -> new String[] {"NoSuchBucket", "The specified bucket does not exist"};
        };
        String bucket = req.target().replaceFirst("^/([^/?]*).*", "$1");
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + codeAndMessage[0] + "</Code><Message>"
                + codeAndMessage[1] + "</Message>" + (f == Fault.NO_SUCH_BUCKET_404 ? "<BucketName>" + bucket + "</BucketName>" : "")
                + "<RequestId>FAULTPROXY</RequestId><HostId>fault-proxy</HostId></Error>";
        String reason = switch (errorStatus(f)) {
            case 500 -> "Internal Server Error";
            case 503 -> "Slow Down";
            case 403 -> "Forbidden";
            default -> "Not Found";
        };
        List<String[]> headers = List.of(new String[] {"Content-Type", "application/xml"},
                new String[] {"x-amz-request-id", "FAULTPROXY"});
        return new Response("HTTP/1.1 " + errorStatus(f) + " " + reason, headers, xml.getBytes(StandardCharsets.UTF_8));
    }

    private Response forward(Request req) throws IOException {
        try (Socket up = new Socket()) {
            up.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 5_000);
            up.setSoTimeout(60_000);
            OutputStream upOut = up.getOutputStream();
            StringBuilder head = new StringBuilder(req.method() + " " + req.target() + " " + req.version() + "\r\n");
            for (String[] h : req.headers()) {
                if (!HOP_BY_HOP.contains(h[0].toLowerCase(Locale.ROOT))) head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            head.append("Content-Length: ").append(req.body().length).append("\r\nConnection: close\r\n\r\n");
            upOut.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            upOut.write(req.body());
            upOut.flush();

            InputStream upIn = new BufferedInputStream(up.getInputStream());
            String statusLine = readLine(upIn);
            if (statusLine == null) throw new IOException("upstream closed without an answer");
            List<String[]> headers = readHeaders(upIn);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            byte[] body;
            if (req.method().equalsIgnoreCase("HEAD") || status == 204 || status == 304) {
                body = new byte[0];
            } else if ("chunked".equalsIgnoreCase(header(headers, "Transfer-Encoding"))) {
                body = readChunked(upIn);
            } else if (header(headers, "Content-Length") != null) {
                body = upIn.readNBytes(Integer.parseInt(header(headers, "Content-Length").trim()));
            } else {
                body = upIn.readAllBytes();
            }
            return new Response(statusLine, headers, body);
        }
    }

    private static void writeResponse(OutputStream out, Response resp, String method) throws IOException {
        writeHead(out, resp, resp.body().length);
        if (!method.equalsIgnoreCase("HEAD")) out.write(resp.body());
        out.flush();
    }

    private static void writeHead(OutputStream out, Response resp, int length) throws IOException {
        StringBuilder head = new StringBuilder(resp.statusLine()).append("\r\n");
        for (String[] h : resp.headers()) {
            if (!HOP_BY_HOP.contains(h[0].toLowerCase(Locale.ROOT))) head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        head.append("Content-Length: ").append(length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The next request, or null when the client closed the connection between requests. */
    private static Request readRequest(InputStream in) throws IOException {
        String line;
        try {
            line = readLine(in);
        } catch (SocketException e) {
            return null;
        }
        if (line == null || line.isEmpty()) return null;
        String[] parts = line.split(" ");
        if (parts.length != 3) throw new IOException("bad request line: " + line);
        List<String[]> headers = readHeaders(in);
        if ("chunked".equalsIgnoreCase(header(headers, "Transfer-Encoding"))) {
            return new Request(parts[0], parts[1], parts[2], headers, readChunked(in));
        }
        String length = header(headers, "Content-Length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length.trim()));
        return new Request(parts[0], parts[1], parts[2], headers, body);
    }

    private static List<String[]> readHeaders(InputStream in) throws IOException {
        List<String[]> headers = new ArrayList<>();
        for (String h; (h = readLine(in)) != null && !h.isEmpty(); ) {
            int colon = h.indexOf(':');
            headers.add(new String[] {h.substring(0, colon).trim(), h.substring(colon + 1).trim()});
        }
        return headers;
    }

    private static String header(List<String[]> headers, String name) {
        for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) return h[1];
        return null;
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) throw new IOException("chunked body cut short");
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                while (true) { // trailers up to the blank line
                    String t = readLine(in);
                    if (t == null || t.isEmpty()) return body.toByteArray();
                }
            }
            body.write(in.readNBytes(size));
            readLine(in); // the CRLF after the chunk
        }
    }

    /** A CRLF- or LF-terminated line in ISO-8859-1, without its terminator; null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') b.setLength(len - 1);
                return b.toString();
            }
            if (b.length() > 65_536) throw new IOException("header line too long");
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
