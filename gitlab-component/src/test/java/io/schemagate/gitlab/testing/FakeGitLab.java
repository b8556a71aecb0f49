package io.schemagate.gitlab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful, in-memory stand-in for the GitLab REST API v4 routes a merge-request reviewer uses: the current user,
 * one project's merge requests, their diffs, notes and discussions. It listens on 127.0.0.1 (ephemeral port), answers
 * in GitLab's JSON shapes, reads writes as GitLab4J sends them (form-encoded) or as JSON, paginates every list with GitLab's
 * {@code X-Page}/{@code X-Next-Page}/{@code X-Total-Pages} headers and {@code Link} (two items a page by default, so
 * pagination is always exercised), orders notes newest first as GitLab does, and checks diff positions the way GitLab
 * does (400 when the SHAs are not the merge request's {@code diff_refs} or the line was not added by the diff).
 *
 * <p>Tokens ({@code PRIVATE-TOKEN}) belong to users with an {@link Access}: an unknown token gets 401, a read-only one
 * 403 on every write, a commenting one 403 when it resolves a thread. Every request is recorded (never the token).
 * Thread-safe: all state is guarded by {@code this}. Other processes can use it too: it is a real HTTP server.
 *
 * <p>It has no {@code main}: a test starts it in its own JVM ({@link #start}), hands {@link #serverUrl()} to whatever
 * it runs as {@code CI_SERVER_URL} (the schemagate jar in another process, a CI runner), and asserts on
 * {@link #notes}, {@link #threads}, {@link #discussions} and {@link #requests} afterwards.
 */
public final class FakeGitLab implements AutoCloseable {

    /** What a token's user may do on the project. */
    public enum Access {
        /** Reads only (a Guest): every write is 403 {@code "403 Forbidden"}. */
        READ,
        /** A token with the {@code read_api} scope only: every write is 403 {@code insufficient_scope}. */
        READ_API_SCOPE,
        /** Reporter: may write notes and threads, may not resolve threads. */
        COMMENT,
        /** Developer: may also resolve threads. */
        RESOLVE
    }

    /**
     * One HTTP request as the fake received it: path without query; query parameters decoded; {@code form} holds the
     * body's parameters, decoded from a form or flattened from JSON the way GitLab reads both
     * ({@code position[new_line]}); {@code headers} by lower-case name, where a credential's value
     * ({@code PRIVATE-TOKEN}, {@code Authorization}, {@code JOB-TOKEN}) is recorded as {@value #MASKED}.
     */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> form,
            Map<String, List<String>> headers) {
        /** What a credential header's value is recorded as. */
        public static final String MASKED = "[masked]";

        /** {@code METHOD path}, e.g. {@code POST /api/v4/projects/42/merge_requests/7/notes}. */
        public String line() {
            return method + " " + path;
        }

        /** The first value of header {@code name} (any case), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A discussion as {@code GET …/discussions} lists it: its notes, oldest first. */
    public record Discussion(String id, boolean individualNote, List<Note> notes) {
    }

    /** A note as the fake stores it; {@code path}/{@code line} are set for diff notes. */
    public record Note(long id, String discussionId, long iid, long authorId, String body, boolean system,
            String path, Integer line, boolean resolvable, boolean resolved, Instant createdAt, Instant updatedAt,
            Map<String, String> position) {
    }

    private record User(long id, String username, Access access) {
    }

    private record MergeRequest(long iid, String baseSha, String startSha, String headSha, String webUrl) {
    }

    private record Failure(String method, Pattern path, int status, String contentType, String body) {
    }

    private record FileDiff(String oldPath, String newPath, boolean newFile, String diff, Set<Integer> addedLines) {
    }

    private record Response(int status, JsonNode body, Map<String, String> headers) {
        Response(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    /** The project's path when {@link #start} was given its id. */
    public static final String DEFAULT_PROJECT_PATH = "acme/shop";
    /** The project's id when {@link #start} was given its path. */
    public static final long DEFAULT_PROJECT_ID = 4242;
    /** The user id {@link #acceptToken(String)} gives. */
    public static final long BOT_ID = 900;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v4";
    private static final Set<String> CREDENTIALS = Set.of("private-token", "authorization", "job-token");
    private static final Instant CLOCK_START = Instant.parse("2026-11-30T09:00:00Z");
    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@.*");
    private static final String SCOPE_ERROR = "The request requires higher privileges than provided by the access"
            + " token.";
    private static final String LINE_CODE_ERROR =
            "400 Bad request - Note {:line_code=>[\"can't be blank\", \"must be a valid line code\"]}";

    private final HttpServer server;
    /** The project's numeric id and its full path: either names it in a URL, as on GitLab. */
    private final long projectId;
    private final String projectPath;
    private final String origin;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, User> tokens = new LinkedHashMap<>();
    private final Set<String> revoked = new TreeSet<>();
    private final Map<Long, MergeRequest> mergeRequests = new TreeMap<>();
    private final Map<Long, List<FileDiff>> diffs = new TreeMap<>();
    private final List<Note> notes = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<Failure> lostAnswers = new ArrayList<>();
    private long nextId = 5_000_001;
    private long clock;
    private int pageSize = 2;
    private boolean hanging;
    private boolean dropping;
    private boolean withoutDiffs;
    private boolean withoutTotals;
    private boolean signInPage;

    private FakeGitLab(String projectId) throws IOException {
        boolean numeric = projectId.matches("[0-9]{1,18}");
        this.projectId = numeric ? Long.parseLong(projectId) : DEFAULT_PROJECT_ID;
        this.projectPath = numeric ? DEFAULT_PROJECT_PATH : projectId;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Serves one project, named in URLs by its numeric id or its full path (URL-encoded, {@code acme%2Fshop}).
     *
     * @param projectId its numeric id, as {@code CI_PROJECT_ID} gives it (its path is then
     *                  {@value #DEFAULT_PROJECT_PATH}), or its full path (its id is then {@value #DEFAULT_PROJECT_ID})
     */
    public static FakeGitLab start(String projectId) {
        try {
            return new FakeGitLab(projectId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code CI_SERVER_URL} would be: the API lives under {@code /api/v4}. */
    public String serverUrl() {
        return origin;
    }

    /** What {@code CI_API_V4_URL} would be: {@link #serverUrl()} + {@code /api/v4}. */
    public String apiUrl() {
        return origin + API;
    }

    /** A token of a user {@code schemagate-bot} (id {@value #BOT_ID}) who may resolve threads, as a Developer. */
    public FakeGitLab acceptToken(String token) {
        return acceptToken(token, BOT_ID, "schemagate-bot", Access.RESOLVE);
    }

    /** A token of a user with id {@code userId}. */
    public synchronized FakeGitLab acceptToken(String token, long userId, String username, Access access) {
        tokens.put(token, new User(userId, username, access));
        return this;
    }

    /**
     * A merge request and the commits of its {@code diff_refs}; its {@code web_url} is
     * {@code <serverUrl>/<project path>/-/merge_requests/<iid>}.
     */
    public synchronized FakeGitLab mergeRequest(long iid, String baseSha, String startSha, String headSha) {
        return mergeRequest(iid, baseSha, startSha, headSha, origin + "/" + projectPath + "/-/merge_requests/" + iid);
    }

    /** A merge request, the commits of its {@code diff_refs}, and its {@code web_url}. */
    public synchronized FakeGitLab mergeRequest(long iid, String baseSha, String startSha, String headSha,
            String webUrl) {
        mergeRequests.put(iid, new MergeRequest(iid, baseSha, startSha, headSha, webUrl));
        return this;
    }

    /**
     * The next request whose method is {@code method} and whose path (after {@code /api/v4}) matches
     * {@code pathRegex} gets this answer instead of the usual one (it is still recorded): GitLab's rarer answers, such
     * as a validation error {@code {"message":{"note":["is too long"]}}}, a 429, or a proxy's 502 page.
     *
     * @param contentType e.g. {@code application/json} or {@code text/html}
     */
    public synchronized FakeGitLab failNext(String method, String pathRegex, int status, String contentType,
            String body) {
        failures.add(new Failure(method, Pattern.compile(pathRegex), status, contentType, body));
        return this;
    }

    /** A file the merge request changes, with its unified diff as GitLab gives it (hunks, no file headers). */
    public synchronized FakeGitLab diff(long iid, String newPath, boolean newFile, String diff) {
        diffs.computeIfAbsent(iid, k -> new ArrayList<>())
                .add(new FileDiff(newPath, newPath, newFile, diff, addedLines(diff)));
        return this;
    }

    /** A file the merge request renames (and may change); positions on it must name both paths. */
    public synchronized FakeGitLab renamedDiff(long iid, String oldPath, String newPath, String diff) {
        diffs.computeIfAbsent(iid, k -> new ArrayList<>())
                .add(new FileDiff(oldPath, newPath, false, diff, addedLines(diff)));
        return this;
    }

    /**
     * Answers like GitLab before 15.7: no paginated {@code /diffs} (404), only the merge request's {@code /changes}.
     */
    public synchronized FakeGitLab withoutDiffsEndpoint() {
        withoutDiffs = true;
        return this;
    }

    /**
     * Lists answer as GitLab does past 10,000 items: without {@code X-Total}, {@code X-Total-Pages} and the
     * {@code rel="last"} link, so only {@code X-Next-Page} says whether more pages follow.
     */
    public synchronized FakeGitLab withoutTotals() {
        withoutTotals = true;
        return this;
    }

    /** From now on, answer every request with 200 and an HTML sign-in page, as a single-sign-on proxy would. */
    public synchronized FakeGitLab answerWithSignInPage() {
        signInPage = true;
        return this;
    }

    /** The token stops working as an expired or revoked one does: 401 {@code invalid_token}. */
    public synchronized FakeGitLab revoke(String token) {
        revoked.add(token);
        return this;
    }

    /** Items per page of every list (GitLab's default is 20; the fake's 2 makes every test paginate). */
    public synchronized FakeGitLab pageSize(int size) {
        pageSize = size;
        return this;
    }

    /** From now on, accept connections and never answer (until {@link #close}). */
    public synchronized FakeGitLab hang() {
        hanging = true;
        return this;
    }

    /**
     * The next request whose method is {@code method} and whose path (after {@code /api/v4}) matches
     * {@code pathRegex} is carried out, and then the connection is closed without its answer: a proxy that fails
     * after GitLab did the work.
     */
    public synchronized FakeGitLab loseAnswerOnce(String method, String pathRegex) {
        lostAnswers.add(new Failure(method, Pattern.compile(pathRegex), 0, "", ""));
        return this;
    }

    /** From now on, read each request and close the connection without an answer, as a crashing proxy does. */
    public synchronized FakeGitLab dropConnections() {
        dropping = true;
        return this;
    }

    /** Preloads a note on the merge request (a system note, a reviewer's note), as if written before the run. */
    public synchronized long addNote(long iid, long authorId, String body, boolean system) {
        return add(iid, newDiscussionId(), authorId, body, system, null, null, Map.of(), false).id();
    }

    /** Preloads a diff thread on {@code path:line} written by user {@code authorId}; returns its discussion id. */
    public synchronized String addThread(long iid, long authorId, String path, int line, String body) {
        MergeRequest mr = mergeRequests.get(iid);
        Map<String, String> position = Map.of("base_sha", mr.baseSha(), "start_sha", mr.startSha(),
                "head_sha", mr.headSha(), "position_type", "text", "new_path", path, "old_path", path,
                "new_line", Integer.toString(line));
        return add(iid, newDiscussionId(), authorId, body, false, path, line, position, true).discussionId();
    }

    /** The merge request's notes, oldest first. */
    public synchronized List<Note> notes(long iid) {
        return notes.stream().filter(n -> n.iid() == iid).toList();
    }

    /** The merge request's discussions (diff threads, and the single-note discussions of plain notes), oldest first. */
    public synchronized List<Discussion> discussions(long iid) {
        Map<String, List<Note>> byId = new LinkedHashMap<>();
        notes(iid).forEach(n -> byId.computeIfAbsent(n.discussionId(), k -> new ArrayList<>()).add(n));
        List<Discussion> out = new ArrayList<>();
        byId.forEach((id, thread) -> out.add(new Discussion(id, individual(thread), List.copyOf(thread))));
        return out;
    }

    /** The merge request's notes that are not system notes and start a discussion on a diff line, oldest first. */
    public synchronized List<Note> threads(long iid) {
        return notes(iid).stream().filter(n -> n.path() != null && first(n)).toList();
    }

    /** Every request so far, oldest first. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** {@code METHOD path} of every request so far. */
    public synchronized List<String> requestLines() {
        return requests.stream().map(Request::line).toList();
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }

    // --- HTTP ---

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean hang;
            boolean drop;
            synchronized (this) {
                hang = hanging;
                drop = dropping;
            }
            if (drop) {
                exchange.getRequestBody().readAllBytes();
                synchronized (this) {
                    requests.add(new Request(exchange.getRequestMethod(),
                            decodePath(exchange.getRequestURI().getRawPath()),
                            decode(exchange.getRequestURI().getRawQuery()), Map.of(), Map.of()));
                }
                return; // closing the exchange without a status line drops the connection
            }
            if (hang) {
                try {
                    closed.await(10, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = decode(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            Map<String, String> form = type.startsWith("application/x-www-form-urlencoded") ? decode(body)
                    : type.startsWith("application/json") && !body.isBlank() ? flatten(body) : Map.of();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                String key = name.toLowerCase(Locale.ROOT);
                headers.put(key, CREDENTIALS.contains(key) ? List.of(Request.MASKED) : List.copyOf(values));
            });
            Response response;
            synchronized (this) {
                requests.add(new Request(method, decodePath(path), query, form, Map.copyOf(headers)));
                if (signInPage) {
                    raw(exchange, 200, "text/html; charset=utf-8",
                            "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Sign in</body></html>\n");
                    return;
                }
                String rest = decodePath(path).startsWith(API) ? decodePath(path).substring(API.length()) : "";
                Failure failure = failures.stream()
                        .filter(f -> f.method().equals(method) && f.path().matcher(rest).matches())
                        .findFirst().orElse(null);
                if (failure != null) {
                    failures.remove(failure);
                    raw(exchange, failure.status(), failure.contentType(), failure.body());
                    return;
                }
                response = route(method, path, query, form,
                        exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN"));
                Failure lost = lostAnswers.stream()
                        .filter(f -> f.method().equals(method) && f.path().matcher(rest).matches())
                        .findFirst().orElse(null);
                if (lost != null) {
                    lostAnswers.remove(lost);
                    return; // done, and no status line: the connection drops
                }
            }
            byte[] bytes = response.body() == null ? new byte[0] : JSON.writeValueAsBytes(response.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private static void raw(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private Response route(String method, String path, Map<String, String> query, Map<String, String> form,
            String token) {
        User user = token == null ? null : tokens.get(token);
        if (user != null && revoked.contains(token)) {
            return new Response(401, JSON.createObjectNode().put("error", "invalid_token")
                    .put("error_description", "Token was revoked. You have to re-authorize from the user."));
        }
        if (user == null) {
            return error(401, "401 Unauthorized");
        }
        if (!path.startsWith(API + "/")) {
            return error(404, "404 Not Found");
        }
        String rest = path.substring(API.length());
        if (rest.equals("/user") && method.equals("GET")) {
            return new Response(200, user(user));
        }
        Matcher m = Pattern.compile("/projects/([^/]+)/merge_requests/(\\d+)(/.*)?").matcher(rest);
        if (!m.matches() || !(m.group(1).equals(Long.toString(projectId))
                || decodePath(m.group(1)).equals(projectPath))) {
            return error(404, "404 Project Not Found");
        }
        MergeRequest mr = mergeRequests.get(Long.parseLong(m.group(2)));
        if (mr == null) {
            return error(404, "404 Not found");
        }
        String sub = m.group(3) == null ? "" : m.group(3);
        boolean write = !method.equals("GET");
        if (write && user.access() == Access.READ) {
            return error(403, "403 Forbidden");
        }
        if (write && user.access() == Access.READ_API_SCOPE) {
            return new Response(403, JSON.createObjectNode().put("error", "insufficient_scope")
                    .put("error_description", SCOPE_ERROR).put("scope", "api"));
        }
        Matcher note = Pattern.compile("/notes/(\\d+)").matcher(sub);
        Matcher discussion = Pattern.compile("/discussions/([0-9a-f]+)(/notes)?").matcher(sub);
        return switch (method + " " + (sub.isEmpty() ? "" : sub.replaceAll("/discussions/[0-9a-f]+", "/discussions/ID")
                .replaceAll("/notes/\\d+$", "/notes/ID"))) {
            case "GET " -> new Response(200, mergeRequest(mr));
            case "GET /diffs" -> withoutDiffs ? error(404, "404 Not Found") : page(query,
                    diffs.getOrDefault(mr.iid(), List.of()).stream().map(FakeGitLab::diff).toList(), rest);
            case "GET /changes" -> changes(mr);
            case "GET /notes" -> page(query, notes(mr.iid()).stream()
                    .sorted(Comparator.comparing(Note::createdAt).reversed().thenComparing(Note::id, Comparator.reverseOrder()))
                    .map(n -> (JsonNode) note(n)).toList(), rest);
            case "POST /notes" -> createNote(mr, user, form);
            case "PUT /notes/ID" -> note.matches() ? updateNote(mr, user, Long.parseLong(note.group(1)), form)
                    : error(404, "404 Not found");
            case "GET /discussions" -> page(query, discussionsJson(mr.iid()), rest);
            case "POST /discussions" -> createDiscussion(mr, user, form);
            case "PUT /discussions/ID" -> discussion.matches() ? resolve(mr, user, discussion.group(1), form)
                    : error(404, "404 Not found");
            case "POST /discussions/ID/notes" -> discussion.matches() ? reply(mr, user, discussion.group(1), form)
                    : error(404, "404 Not found");
            default -> error(404, "404 Not Found");
        };
    }

    private Response createNote(MergeRequest mr, User user, Map<String, String> form) {
        String body = form.get("body");
        if (body == null || body.isEmpty()) {
            return new Response(400, JSON.createObjectNode().put("error", "body is missing"));
        }
        return new Response(201, note(add(mr.iid(), newDiscussionId(), user.id(), body, false, null, null, Map.of(),
                false)));
    }

    private Response updateNote(MergeRequest mr, User user, long id, Map<String, String> form) {
        for (int i = 0; i < notes.size(); i++) {
            Note n = notes.get(i);
            if (n.id() == id && n.iid() == mr.iid()) {
                if (n.authorId() != user.id() || n.system()) {
                    return error(403, "403 Forbidden");
                }
                Note updated = new Note(n.id(), n.discussionId(), n.iid(), n.authorId(), form.getOrDefault("body", n.body()),
                        false, n.path(), n.line(), n.resolvable(), n.resolved(), n.createdAt(), tick(), n.position());
                notes.set(i, updated);
                return new Response(200, note(updated));
            }
        }
        return error(404, "404 Not found");
    }

    private Response createDiscussion(MergeRequest mr, User user, Map<String, String> form) {
        String body = form.get("body");
        if (body == null || body.isEmpty()) {
            return new Response(400, JSON.createObjectNode().put("error", "body is missing"));
        }
        if (form.get("position[position_type]") == null) {
            Note n = add(mr.iid(), newDiscussionId(), user.id(), body, false, null, null, Map.of(), true);
            return new Response(201, discussion(n.discussionId(), List.of(n)));
        }
        Map<String, String> position = new TreeMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("position[") && k.endsWith("]")) {
                position.put(k.substring("position[".length(), k.length() - 1), v);
            }
        });
        String path = position.get("new_path");
        Integer line = position.get("new_line") == null ? null : Integer.valueOf(position.get("new_line"));
        boolean shasMatch = mr.baseSha().equals(position.get("base_sha")) && mr.startSha().equals(position.get("start_sha"))
                && mr.headSha().equals(position.get("head_sha"));
        FileDiff file = diffs.getOrDefault(mr.iid(), List.of()).stream().filter(d -> d.newPath().equals(path))
                .findFirst().orElse(null);
        if (!"text".equals(position.get("position_type")) || !shasMatch || file == null || line == null
                || !file.addedLines().contains(line) || position.get("old_line") != null
                || !file.oldPath().equals(position.getOrDefault("old_path", file.oldPath()))) {
            return error(400, LINE_CODE_ERROR);
        }
        Note n = add(mr.iid(), newDiscussionId(), user.id(), body, false, path, line, position, true);
        return new Response(201, discussion(n.discussionId(), List.of(n)));
    }

    private Response resolve(MergeRequest mr, User user, String discussionId, Map<String, String> form) {
        List<Note> thread = thread(mr.iid(), discussionId);
        if (thread.isEmpty()) {
            return error(404, "404 Not found");
        }
        if (user.access() != Access.RESOLVE) {
            return error(403, "403 Forbidden");
        }
        if (!thread.get(0).resolvable()) {
            return error(400, "400 Bad request - discussion is not resolvable");
        }
        boolean resolved = "true".equals(form.get("resolved"));
        for (int i = 0; i < notes.size(); i++) {
            Note n = notes.get(i);
            if (n.discussionId().equals(discussionId)) {
                notes.set(i, new Note(n.id(), n.discussionId(), n.iid(), n.authorId(), n.body(), n.system(), n.path(),
                        n.line(), n.resolvable(), resolved, n.createdAt(), tick(), n.position()));
            }
        }
        return new Response(200, discussion(discussionId, thread(mr.iid(), discussionId)));
    }

    private Response reply(MergeRequest mr, User user, String discussionId, Map<String, String> form) {
        List<Note> thread = thread(mr.iid(), discussionId);
        if (thread.isEmpty()) {
            return error(404, "404 Not found");
        }
        String body = form.get("body");
        if (body == null || body.isEmpty()) {
            return new Response(400, JSON.createObjectNode().put("error", "body is missing"));
        }
        Note first = thread.get(0);
        Note n = add(mr.iid(), discussionId, user.id(), body, false, first.path(), first.line(), first.position(),
                first.resolvable());
        return new Response(201, note(n));
    }

    // --- state ---

    private Note add(long iid, String discussionId, long authorId, String body, boolean system, String path,
            Integer line, Map<String, String> position, boolean resolvable) {
        Instant now = tick();
        Note n = new Note(nextId++, discussionId, iid, authorId, body, system, path, line, resolvable, false, now, now,
                Map.copyOf(position));
        notes.add(n);
        return n;
    }

    private boolean first(Note n) {
        return notes.stream().filter(o -> o.discussionId().equals(n.discussionId())).findFirst().orElseThrow() == n;
    }

    private List<Note> thread(long iid, String discussionId) {
        return notes.stream().filter(n -> n.iid() == iid && n.discussionId().equals(discussionId)).toList();
    }

    private List<JsonNode> discussionsJson(long iid) {
        return discussions(iid).stream().map(d -> discussion(d.id(), d.notes())).toList();
    }

    private static boolean individual(List<Note> thread) {
        return thread.size() == 1 && !thread.get(0).resolvable();
    }

    private String newDiscussionId() {
        byte[] bytes = new byte[20];
        long id = nextId;
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (id * 31 + i * 7);
        }
        return HexFormat.of().formatHex(bytes).substring(0, 32) + Long.toHexString(id);
    }

    private Instant tick() {
        return CLOCK_START.plusSeconds(clock++);
    }

    // --- JSON shapes ---

    private JsonNode mergeRequest(MergeRequest mr) {
        ObjectNode o = JSON.createObjectNode()
                .put("id", 90_000 + mr.iid())
                .put("iid", mr.iid())
                .put("project_id", projectId)
                .put("title", "Drop users.name")
                .put("state", "opened")
                .put("source_branch", "feature/drop-name")
                .put("target_branch", "main")
                .put("sha", mr.headSha())
                .put("web_url", mr.webUrl());
        o.putObject("diff_refs").put("base_sha", mr.baseSha()).put("head_sha", mr.headSha())
                .put("start_sha", mr.startSha());
        return o;
    }

    /** {@code GET …/changes}: the merge request with all its diffs, unpaginated (deprecated since GitLab 15.7). */
    private Response changes(MergeRequest mr) {
        ObjectNode o = (ObjectNode) mergeRequest(mr);
        o.put("changes_count", Integer.toString(diffs.getOrDefault(mr.iid(), List.of()).size()))
                .put("overflow", false);
        ArrayNode changes = o.putArray("changes");
        diffs.getOrDefault(mr.iid(), List.of()).forEach(d -> changes.add(diff(d)));
        return new Response(200, o);
    }

    private static JsonNode diff(FileDiff d) {
        return JSON.createObjectNode()
                .put("old_path", d.oldPath())
                .put("new_path", d.newPath())
                .put("a_mode", d.newFile() ? "0" : "100644")
                .put("b_mode", "100644")
                .put("new_file", d.newFile())
                .put("renamed_file", !d.oldPath().equals(d.newPath()))
                .put("deleted_file", false)
                .put("diff", d.diff());
    }

    private ObjectNode user(User user) {
        return JSON.createObjectNode()
                .put("id", user.id())
                .put("username", user.username())
                .put("name", user.username())
                .put("state", "active")
                .put("web_url", origin + "/" + user.username());
    }

    private ObjectNode note(Note n) {
        ObjectNode o = JSON.createObjectNode()
                .put("id", n.id())
                .put("type", n.path() != null ? "DiffNote" : n.resolvable() ? "DiscussionNote" : null)
                .put("body", n.body())
                .putNull("attachment");
        User author = tokens.values().stream().filter(u -> u.id() == n.authorId()).findFirst()
                .orElse(new User(n.authorId(), "user" + n.authorId(), Access.READ));
        o.set("author", user(author));
        o.put("created_at", n.createdAt().toString())
                .put("updated_at", n.updatedAt().toString())
                .put("system", n.system())
                .put("noteable_id", 90_000 + n.iid())
                .put("noteable_type", "MergeRequest")
                .put("noteable_iid", n.iid())
                .put("resolvable", n.resolvable())
                .put("confidential", false)
                .put("internal", false);
        if (n.resolvable()) {
            o.put("resolved", n.resolved());
        }
        if (n.path() != null) {
            ObjectNode p = o.putObject("position");
            n.position().forEach((k, v) -> {
                if (k.endsWith("_line")) {
                    p.put(k, Integer.parseInt(v));
                } else {
                    p.put(k, v);
                }
            });
            p.putNull("old_line");
        }
        return o;
    }

    private JsonNode discussion(String id, List<Note> thread) {
        ObjectNode o = JSON.createObjectNode().put("id", id)
                .put("individual_note", individual(thread));
        ArrayNode array = o.putArray("notes");
        thread.forEach(n -> array.add(note(n)));
        return o;
    }

    private Response page(Map<String, String> query, List<JsonNode> items, String rest) {
        int perPage = Math.max(1, Math.min(Integer.parseInt(query.getOrDefault("per_page", "20")), pageSize));
        int page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
        int totalPages = Math.max(1, (items.size() + perPage - 1) / perPage);
        ArrayNode body = JSON.createArrayNode();
        items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(body::add);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Page", Integer.toString(page));
        headers.put("X-Per-Page", Integer.toString(perPage));
        headers.put("X-Total", Integer.toString(items.size()));
        headers.put("X-Total-Pages", Integer.toString(totalPages));
        headers.put("X-Next-Page", page < totalPages ? Integer.toString(page + 1) : "");
        headers.put("X-Prev-Page", page > 1 ? Integer.toString(page - 1) : "");
        String base = origin + API + rest + "?per_page=" + perPage + "&page=";
        List<String> links = new ArrayList<>();
        if (page > 1) {
            links.add("<" + base + (page - 1) + ">; rel=\"prev\"");
        }
        if (page < totalPages) {
            links.add("<" + base + (page + 1) + ">; rel=\"next\"");
        }
        links.add("<" + base + "1>; rel=\"first\"");
        if (withoutTotals) {
            headers.remove("X-Total");
            headers.remove("X-Total-Pages");
        } else {
            links.add("<" + base + totalPages + ">; rel=\"last\"");
        }
        headers.put("Link", String.join(", ", links));
        return new Response(200, body, headers);
    }

    private static Response error(int status, String message) {
        return new Response(status, JSON.createObjectNode().put("message", message));
    }

    // --- parsing ---

    /** New-version numbers of the lines a diff adds; the fake's own reading of hunks, as GitLab computes line codes. */
    private static Set<Integer> addedLines(String diff) {
        Set<Integer> added = new TreeSet<>();
        int next = -1;
        for (String line : diff.split("\n", -1)) {
            Matcher hunk = HUNK.matcher(line);
            if (hunk.matches()) {
                next = Integer.parseInt(hunk.group(1));
            } else if (next > 0 && line.startsWith("+")) {
                added.add(next++);
            } else if (next > 0 && (line.startsWith(" ") || line.isEmpty())) {
                next++;
            }
        }
        return added;
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A JSON body as GitLab's API reads it: nested objects become {@code outer[inner]} parameters. */
    private static Map<String, String> flatten(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            flatten("", JSON.readTree(body), out);
        } catch (IOException e) {
            out.put("", body); // not JSON after all: a missing body for every route
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(prefix.isEmpty() ? field.getKey()
                    : prefix + "[" + field.getKey() + "]", field.getValue(), out));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    private static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
