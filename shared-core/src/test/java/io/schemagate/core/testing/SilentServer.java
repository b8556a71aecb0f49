package io.schemagate.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer that accepts TCP connections on a loopback port and never answers: what a hung registry, a black-holed proxy
 * or a stuck GitHub looks like to a client. Optionally it first sends the start of an answer (headers, part of a body)
 * and then stalls. {@link #accepted} tells whether a client got through.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final byte[] start;
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor;

    /** Never says a thing. */
    public SilentServer() {
        this("");
    }

    /** Sends {@code start} on every connection, then stalls. */
    public SilentServer(String start) {
        this.start = start.getBytes(StandardCharsets.UTF_8);
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptForever, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptForever() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                synchronized (held) {
                    held.add(client); // kept open, never read; written once at most
                }
                client.getOutputStream().write(start);
                client.getOutputStream().flush();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT} */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    public int accepted() {
        synchronized (held) {
            return held.size();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            synchronized (held) {
                for (Socket client : held) {
                    client.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
