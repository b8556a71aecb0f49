package io.schemagate.core.devdb;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Just enough HTTP/1.1 to talk to a container engine's API over a Unix socket or TCP: one request per connection,
 * bodies by length or chunked. Written out, rather than through a Docker client library, because the JDK's HTTP
 * client cannot use Unix sockets and a full client (Testcontainers, docker-java) would add megabytes to the CLI
 * jar for four calls.
 */
final class EngineHttp {

    /** A response: status and body text (JSON, or JSON lines while pulling). */
    record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final ContainerEngine engine;

    EngineHttp(ContainerEngine engine) {
        this.engine = engine;
    }

    Response send(String method, String path, String jsonBody, Duration timeout) throws IOException {
        SocketChannel channel = engine.socket().isPresent() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        // Channels have no timeouts of their own: closing the channel ends a stuck connect or read.
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> closeQuietly(channel));
        try (channel) {
            if (engine.socket().isPresent()) {
                channel.connect(UnixDomainSocketAddress.of(engine.socket().get()));
            } else {
                channel.connect(new InetSocketAddress(engine.host(), engine.port()));
            }
            byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\n"
                    + "Host: " + (engine.isTcp() ? UrlText.host(engine.host()) + ":" + engine.port() : "docker") + "\r\n"
                    + "User-Agent: schemagate\r\n"
                    + "Accept: application/json\r\n"
                    + "Connection: close\r\n"
                    + (jsonBody == null ? "" : "Content-Type: application/json\r\n")
                    + "Content-Length: " + body.length + "\r\n\r\n";
            OutputStream out = Channels.newOutputStream(channel);
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read(new BufferedInputStream(Channels.newInputStream(channel)));
        } catch (java.nio.channels.AsynchronousCloseException e) {
            throw new IOException("no answer from the container engine within " + timeout.toSeconds() + " s", e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer from the container engine: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (status == 204 || status == 304) {
            return new Response(status, "");
        } else if (chunked) {
            for (long size = Long.parseLong(line(in).split(";", 2)[0].strip(), 16); size > 0;
                 size = Long.parseLong(line(in).split(";", 2)[0].strip(), 16)) {
                body.write(exactly(in, size));
                line(in); // CRLF after the chunk
            }
        } else if (length >= 0) {
            body.write(exactly(in, length));
        } else {
            in.transferTo(body);
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8));
    }

    private static byte[] exactly(InputStream in, long size) throws IOException {
        byte[] bytes = in.readNBytes(Math.toIntExact(size));
        if (bytes.length != size) {
            throw new IOException("the container engine closed the connection mid-answer");
        }
        return bytes;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the container engine closed the connection mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
