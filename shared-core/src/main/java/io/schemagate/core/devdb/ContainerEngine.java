package io.schemagate.core.devdb;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Docker-compatible engine API listens: {@code DOCKER_HOST} ({@code unix://} or plain {@code tcp://}),
 * else the usual sockets of Docker, Podman, Docker Desktop, Colima and Rancher Desktop.
 *
 * @param socket the Unix socket, when the engine is reached through one
 * @param host   the TCP host otherwise; published container ports are reached on it too
 */
record ContainerEngine(Optional<Path> socket, String host, int port) {

    /** What was looked at, for the message when nothing was found. */
    record Search(Optional<ContainerEngine> engine, List<String> looked) {
    }

    static ContainerEngine unix(Path socket) {
        return new ContainerEngine(Optional.of(socket), "", 0);
    }

    static ContainerEngine tcp(String host, int port) {
        return new ContainerEngine(Optional.empty(), host, port);
    }

    boolean isTcp() {
        return socket.isEmpty();
    }

    String describe() {
        return socket.map(path -> "unix://" + path).orElse("tcp://" + UrlText.host(host) + ":" + port);
    }

    /** Finds the engine from the environment and the file system; TLS-protected TCP engines are refused. */
    static Search find(Map<String, String> env) throws DevDatabaseException {
        List<String> looked = new ArrayList<>();
        String dockerHost = env.getOrDefault("DOCKER_HOST", "").strip();
        if (!dockerHost.isEmpty()) {
            return new Search(Optional.of(fromDockerHost(dockerHost, env)), List.of("DOCKER_HOST=" + dockerHost));
        }
        looked.add("DOCKER_HOST is not set");
        String home = System.getProperty("user.home", "");
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"), Path.of("/run/podman/podman.sock")));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            candidates.add(Path.of(runtimeDir, "podman", "podman.sock"));
            candidates.add(Path.of(runtimeDir, "docker.sock"));
        }
        if (!home.isEmpty()) {
            candidates.add(Path.of(home, ".docker", "run", "docker.sock"));
            candidates.add(Path.of(home, ".colima", "default", "docker.sock"));
            candidates.add(Path.of(home, ".rd", "docker.sock"));
        }
        for (Path candidate : candidates) {
            if (Files.exists(candidate)) {
                return new Search(Optional.of(unix(candidate)), looked);
            }
        }
        looked.add("no socket at " + String.join(", ", candidates.stream().map(Path::toString).toList()));
        return new Search(Optional.empty(), looked);
    }

    private static ContainerEngine fromDockerHost(String dockerHost, Map<String, String> env) throws DevDatabaseException {
        URI uri;
        try {
            uri = URI.create(dockerHost);
        } catch (IllegalArgumentException e) {
            throw new DevDatabaseException("DOCKER_HOST=" + dockerHost + " is not a URL such as unix:///var/run/docker.sock or tcp://docker:2375");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "unix":
                return unix(Path.of(uri.getPath()));
            case "tcp":
            case "http":
                String tlsVerify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
                if (!tlsVerify.isEmpty() && !tlsVerify.equals("0")) {
                    throw new DevDatabaseException("the container engine at " + dockerHost + " wants TLS (DOCKER_TLS_VERIFY), which "
                            + "docker:// does not speak yet; use the engine without TLS (tcp://…:2375), embedded://postgres/MAJOR "
                            + "or a postgres:// dev URL");
                }
                if (uri.getHost() == null) {
                    throw new DevDatabaseException("DOCKER_HOST=" + dockerHost + " names no host");
                }
                return tcp(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375);
            default:
                throw new DevDatabaseException("DOCKER_HOST=" + dockerHost + " is not supported by docker:// (only unix:// and "
                        + "tcp://); use embedded://postgres/MAJOR or a postgres:// dev URL");
        }
    }
}
