package io.schemagate.core.devdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Docker Engine API on a Unix socket: enough to create, start, inspect and remove one
 * "container", whose published port is the local PostgreSQL service. Records every request.
 */
final class FakeEngine implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread loop;
    private final boolean pullFails;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    /** @param socket the Unix socket to listen on, or null for TCP on a free localhost port */
    FakeEngine(Path socket, boolean pullFails) throws IOException {
        this.socket = socket;
        this.pullFails = pullFails;
        if (socket != null) {
            Files.deleteIfExists(socket);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
        } else {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
        }
        loop = new Thread(this::serve, "fake-container-engine");
        loop.setDaemon(true);
        loop.start();
    }

    String dockerHost() throws IOException {
        return socket != null ? "unix://" + socket : "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel channel = server.accept()) {
                InputStream in = Channels.newInputStream(channel);
                OutputStream out = Channels.newOutputStream(channel);
                String[] start = line(in).split(" ");
                int length = 0;
                for (String header = line(in); !header.isEmpty(); header = line(in)) {
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring(15).strip());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                Request request = new Request(start[0], start[1], body);
                requests.add(request);
                respond(request, out);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void respond(Request request, OutputStream out) throws IOException {
        String key = request.method() + " " + request.path();
        if (key.equals("GET /_ping")) {
            send(out, 200, "OK");
        } else if (key.startsWith("GET /images/")) {
            send(out, 404, "{\"message\":\"No such image: postgres:16\"}");
        } else if (key.startsWith("POST /images/create")) {
            // Chunked, like a real pull's progress stream.
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            chunk(out, "{\"status\":\"Pulling from library/postgres\"}\r\n");
            chunk(out, pullFails ? "{\"errorDetail\":{\"message\":\"toomanyrequests\"},\"error\":\"toomanyrequests: rate limit\"}\r\n"
                    : "{\"status\":\"Downloaded newer image for postgres:16\"}\r\n");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (key.startsWith("POST /containers/create")) {
            send(out, 201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}");
        } else if (key.equals("POST /containers/c0ffee/start")) {
            send(out, 204, "");
        } else if (key.equals("GET /containers/c0ffee/json")) {
            send(out, 200, "{\"Id\":\"c0ffee\",\"NetworkSettings\":{\"Ports\":{\"5432/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"5432\"}]},"
                    + "\"IPAddress\":\"\",\"Gateway\":\"\"}}");
        } else if (key.startsWith("DELETE /containers/")) {
            send(out, 204, "");
        } else {
            send(out, 404, "{\"message\":\"page not found\"}");
        }
        out.flush();
    }

    private static void send(OutputStream out, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n"
                + (status == 204 ? "" : "Content-Length: " + bytes.length + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }
}
