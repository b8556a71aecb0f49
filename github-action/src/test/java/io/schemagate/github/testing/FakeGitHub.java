package io.schemagate.github.testing;

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
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful, in-memory stand-in for the few GitHub REST API v3 routes a pull-request reviewer needs: the repository,
 * one pull request, its changed files, issue comments, review comments and reviews. It serves one repository on
 * 127.0.0.1 (ephemeral port), speaks GitHub's JSON shapes closely enough for the hub4j client to deserialise them,
 * paginates every list with GitHub's {@code Link} header (two items a page by default, so pagination is always
 * exercised), validates review comments against the registered diff the way GitHub does (422 when a line is outside
 * the diff), and can play a bad token (401), a fork pull request's read-only token (403), an exhausted rate limit
 * (403 with {@code x-ratelimit-remaining: 0}) or an outage (any status).
 *
 * <p>Every request is recorded; state can be preloaded and inspected. Thread-safe: the server handles one request at a
 * time and all state is guarded by {@code this}.
 */
public final class FakeGitHub implements AutoCloseable {

    /** Who the token belongs to: the author of comments and reviews created through the API (see {@link #actor}). */
    public static final String BOT_LOGIN = "github-actions[bot]";

    /** One HTTP request as the fake received it. {@code headers} is case-insensitive. */
    public record Request(String method, String path, String body, Map<String, String> headers) {}

    public record IssueComment(long id, int pr, String login, String body, Instant createdAt, Instant updatedAt) {}

    /** A review comment; {@code startLine} is null for single-line comments, {@code side} is "RIGHT" or "LEFT". */
    public record ReviewComment(long id, int pr, long reviewId, String login, String path, int line, Integer startLine,
            String side, String commitId, String body, Instant createdAt) {}

    /** A submitted review; {@code state} is GitHub's: COMMENTED, APPROVED, CHANGES_REQUESTED or PENDING. */
    public record Review(long id, int pr, String login, String commitId, String event, String state, String body,
            Instant submittedAt) {}

    private record PullRequest(int number, String baseSha, String headSha, String baseRef, String headRef) {}

    private record ChangedFile(String filename, String status, String patch) {}

    private record Response(int status, JsonNode body, Map<String, String> headers) {}

    /** Where a review comment lands in a file's diff. */
    private record Anchor(int line, Integer startLine, String side) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCS = "https://docs.github.com/rest";
    private static final String NOT_IN_DIFF = "Pull request review thread line must be part of the diff";
    /** Timestamps come from a fake clock so that bodies are deterministic; order still follows creation. */
    private static final Instant CLOCK_START = Instant.parse("2024-05-01T12:00:00Z");
    private static final Pattern USER_ROUTE = Pattern.compile("/users/([^/]+)");
    private static final Pattern REPO_ROUTE = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");
    private static final Pattern PULL_ROUTE = Pattern.compile("/pulls/(\\d{1,9})(/files|/comments|/reviews)?");
    private static final Pattern ISSUE_COMMENTS_ROUTE = Pattern.compile("/issues/(\\d{1,9})/comments");
    private static final Pattern ISSUE_COMMENT_ROUTE = Pattern.compile("/issues/comments/(\\d{1,18})");
    private static final Pattern HUNK_HEADER = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    private final HttpServer server;
    private final String owner;
    private final String repo;
    private final String prefix;
    private final String origin;
    private final long rateLimitReset = Instant.now().plusSeconds(3600).getEpochSecond();

    private final Map<Integer, PullRequest> pulls = new TreeMap<>();
    private final Map<Integer, List<ChangedFile>> files = new TreeMap<>();
    private final List<IssueComment> issueComments = new ArrayList<>();
    private final List<ReviewComment> reviewComments = new ArrayList<>();
    private final List<Review> reviews = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private long nextId = 1_000_001;
    private long clock;

    private String actor = BOT_LOGIN;
    private int pageSize = 2;
    private String acceptedToken;
    private boolean readOnly;
    private boolean rateLimited;
    private int failStatus;

    private FakeGitHub(String owner, String repo, String prefix) throws IOException {
        if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
            throw new IllegalArgumentException("prefix must look like /api/v3: " + prefix);
        }
        this.owner = owner;
        this.repo = repo;
        this.prefix = prefix;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code owner/repo} at {@code http://127.0.0.1:PORT}, like api.github.com. */
    public static FakeGitHub start(String owner, String repo) {
        return start(owner, repo, "");
    }

    /** Serves every route under {@code prefix} (e.g. "/api/v3"), like GitHub Enterprise Server. */
    public static FakeGitHub start(String owner, String repo, String prefix) {
        try {
            return new FakeGitHub(owner, repo, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The REST API base URL to hand to a client, e.g. {@code http://127.0.0.1:PORT/api/v3}; no trailing slash. */
    public String apiUrl() {
        return origin + prefix;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---------------------------------------------------------------- configuration and preloaded state

    public synchronized FakeGitHub pullRequest(int number, String baseSha, String headSha, String baseRef,
            String headRef) {
        pulls.put(number, new PullRequest(number, baseSha, headSha, baseRef, headRef));
        files.putIfAbsent(number, new ArrayList<>());
        return this;
    }

    /** A changed file of the pull request, in the order GitHub lists them; {@code patch} may be null (binary, huge). */
    public synchronized FakeGitHub file(int pr, String filename, String status, String patch) {
        pull(pr);
        files.get(pr).add(new ChangedFile(filename, status, patch));
        return this;
    }

    /** Largest page the fake serves, whatever {@code per_page} asks for. Default 2. */
    public synchronized FakeGitHub pageSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("page size must be positive: " + n);
        }
        pageSize = n;
        return this;
    }

    /** Only this token is valid ({@code Authorization: token X} or {@code Bearer X}); others get 401. */
    public synchronized FakeGitHub acceptToken(String token) {
        acceptedToken = token;
        return this;
    }

    /** Writes answer 403 "Resource not accessible by integration", as for a fork pull request's GITHUB_TOKEN. */
    public synchronized FakeGitHub readOnly(boolean on) {
        readOnly = on;
        return this;
    }

    /** Every request answers 403 with an exhausted primary rate limit. */
    public synchronized FakeGitHub rateLimited(boolean on) {
        rateLimited = on;
        return this;
    }

    /** Every request answers this status with a JSON message; 0 restores normal service. */
    public synchronized FakeGitHub failWith(int status) {
        failStatus = status;
        return this;
    }

    /** The login that comments and reviews created through the API are attributed to. Default {@link #BOT_LOGIN}. */
    public synchronized FakeGitHub actor(String login) {
        actor = login;
        return this;
    }

    public synchronized long addIssueComment(int pr, String login, String body) {
        pull(pr);
        Instant now = tick();
        IssueComment comment = new IssueComment(nextId++, pr, login, body, now, now);
        issueComments.add(comment);
        return comment.id();
    }

    /**
     * A review comment already on the pull request (inside its own COMMENTED review, as on GitHub). Not validated
     * against the diff: old comments may be outdated.
     */
    public synchronized long addReviewComment(int pr, String login, String path, int line, String body) {
        PullRequest pull = pull(pr);
        Instant now = tick();
        Review review = new Review(nextId++, pr, login, pull.headSha(), "COMMENT", "COMMENTED", "", now);
        reviews.add(review);
        ReviewComment comment = new ReviewComment(nextId++, pr, review.id(), login, path, line, null, "RIGHT",
                pull.headSha(), body, now);
        reviewComments.add(comment);
        return comment.id();
    }

    // ---------------------------------------------------------------- inspection

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests that were not GETs (effective method, i.e. after {@code X-HTTP-Method-Override}). */
    public synchronized List<Request> mutations() {
        return requests.stream().filter(r -> !r.method().equals("GET")).toList();
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    public synchronized List<IssueComment> issueComments(int pr) {
        return issueComments.stream().filter(c -> c.pr() == pr).toList();
    }

    public synchronized List<ReviewComment> reviewComments(int pr) {
        return reviewComments.stream().filter(c -> c.pr() == pr).toList();
    }

    public synchronized List<Review> reviews(int pr) {
        return reviews.stream().filter(r -> r.pr() == pr).toList();
    }

    // ---------------------------------------------------------------- HTTP plumbing

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            Map<String, String> rateLimit;
            synchronized (this) {
                try {
                    response = respond(exchange);
                } catch (RuntimeException e) {
                    // A bug in the fake must show up in the test, not as a hang or a confusing client error.
                    response = error(500, "FakeGitHub failed: " + e, DOCS);
                }
                rateLimit = rateLimitHeaders(false);
            }
            byte[] bytes = JSON.writeValueAsBytes(response.body());
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json; charset=utf-8");
            rateLimit.forEach(headers::set);
            response.headers().forEach(headers::set); // may override the rate-limit headers
            exchange.sendResponseHeaders(response.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private Response respond(HttpExchange exchange) throws IOException {
        // Clients built on HttpURLConnection cannot send PATCH and POST with this header instead; GitHub honours it.
        // (hub4j 1.330 sends a real PATCH with its default java.net.http connector.)
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String override = exchange.getRequestHeaders().getFirst("X-HTTP-Method-Override");
        if (method.equals("POST") && override != null) {
            method = override.trim().toUpperCase(Locale.ROOT);
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        boolean underPrefix = prefix.isEmpty() || rawPath.startsWith(prefix + "/");
        String path = underPrefix ? rawPath.substring(prefix.length()) : rawPath;
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        requests.add(new Request(method, query == null ? path : path + "?" + query, body,
                Collections.unmodifiableMap(headers)));

        if (failStatus != 0) {
            return error(failStatus, reason(failStatus), DOCS);
        }
        if (rateLimited) {
            return new Response(403, message("API rate limit exceeded for installation ID 4242.",
                    DOCS + "/overview/rate-limits-for-the-rest-api"), rateLimitHeaders(true));
        }
        if (acceptedToken != null && !acceptedToken.equals(token(headers.get("Authorization")))) {
            return error(401, "Bad credentials", DOCS);
        }
        if (!underPrefix) {
            return notFound();
        }
        if (readOnly && !method.equals("GET") && !method.equals("HEAD")) {
            return error(403, "Resource not accessible by integration", DOCS);
        }
        // Route on the decoded path: logins such as github-actions[bot] arrive percent-encoded.
        return route(method, exchange.getRequestURI().getPath().substring(prefix.length()), query, body);
    }

    private Response route(String method, String path, String query, String body) {
        boolean get = method.equals("GET");
        if (get && path.equals("/user")) {
            // hub4j's GitHubBuilder.build() asks who a "token" belongs to (and ignores a failure). An Actions
            // installation token may not read /user, so code must not rely on knowing its own login this way.
            return error(403, "Resource not accessible by integration", DOCS + "/users/users#get-the-authenticated-user");
        }
        Matcher m = USER_ROUTE.matcher(path);
        if (get && m.matches()) { // hub4j fetches the full user behind every comment's getUser()
            return ok(user(m.group(1)).put("name", (String) null).put("created_at", CLOCK_START.toString()));
        }
        Matcher repoRoute = REPO_ROUTE.matcher(path);
        if (!repoRoute.matches() || !owner.equalsIgnoreCase(repoRoute.group(1))
                || !repo.equalsIgnoreCase(repoRoute.group(2))) {
            return notFound();
        }
        String rest = repoRoute.group(3) == null ? "" : repoRoute.group(3);
        if (rest.isEmpty() || rest.equals("/")) {
            return get ? ok(repositoryJson()) : notFound();
        }
        if ((m = PULL_ROUTE.matcher(rest)).matches()) {
            PullRequest pr = pulls.get(Integer.parseInt(m.group(1)));
            if (pr == null) {
                return notFound();
            }
            String sub = m.group(2) == null ? "" : m.group(2);
            return switch (method + " " + sub) {
                case "GET " -> ok(pullJson(pr));
                case "GET /files" -> page(files.get(pr.number()), f -> fileJson(pr, f), path, query);
                case "GET /comments" -> page(reviewComments(pr.number()), this::reviewCommentJson, path, query);
                case "GET /reviews" -> page(reviews(pr.number()), this::reviewJson, path, query);
                case "POST /reviews" -> createReview(pr, body);
                default -> notFound();
            };
        }
        if ((m = ISSUE_COMMENTS_ROUTE.matcher(rest)).matches()) {
            PullRequest pr = pulls.get(Integer.parseInt(m.group(1)));
            if (pr == null) {
                return notFound();
            }
            if (get) {
                return page(issueComments(pr.number()), this::issueCommentJson, path, query);
            }
            if (method.equals("POST")) {
                String text = bodyField(body);
                if (text == null) {
                    return invalidBody();
                }
                long id = addIssueComment(pr.number(), actor, text);
                JsonNode json = issueCommentJson(findIssueComment(id));
                return new Response(201, json, Map.of("Location", json.get("url").asText()));
            }
            return notFound();
        }
        if ((m = ISSUE_COMMENT_ROUTE.matcher(rest)).matches()) {
            IssueComment comment = findIssueComment(Long.parseLong(m.group(1)));
            if (comment == null) {
                return notFound();
            }
            if (get) {
                return ok(issueCommentJson(comment));
            }
            if (method.equals("PATCH")) {
                String text = bodyField(body);
                if (text == null) {
                    return invalidBody();
                }
                IssueComment updated = new IssueComment(comment.id(), comment.pr(), comment.login(), text,
                        comment.createdAt(), tick());
                issueComments.set(issueComments.indexOf(comment), updated);
                return ok(issueCommentJson(updated));
            }
        }
        return notFound();
    }

    // ---------------------------------------------------------------- reviews and diff validation

    private Response createReview(PullRequest pr, String rawBody) {
        JsonNode in = parse(rawBody);
        if (in == null || !in.isObject()) {
            return error(400, "Problems parsing JSON", DOCS + "/pulls/reviews#create-a-review-for-a-pull-request");
        }
        String commitId = in.path("commit_id").asText(pr.headSha());
        if (!commitId.equals(pr.headSha())) {
            // The fake only knows the head commit's diff, so anchoring to anything else cannot be checked.
            return unprocessable("No commit found for SHA: " + commitId);
        }
        String event = in.hasNonNull("event") ? in.get("event").asText() : null;
        String state = event == null ? "PENDING" : switch (event) {
            case "COMMENT" -> "COMMENTED";
            case "APPROVE" -> "APPROVED";
            case "REQUEST_CHANGES" -> "CHANGES_REQUESTED";
            default -> null;
        };
        if (state == null) {
            return unprocessable("Invalid event: " + event);
        }
        // Validate every comment before storing anything: GitHub rejects the whole review.
        List<JsonNode> drafts = new ArrayList<>();
        in.path("comments").forEach(drafts::add);
        List<Anchor> anchors = new ArrayList<>();
        for (JsonNode draft : drafts) {
            Anchor anchor = anchor(pr, draft);
            if (anchor == null) {
                return unprocessable(NOT_IN_DIFF);
            }
            anchors.add(anchor);
        }
        Instant now = tick();
        Review review = new Review(nextId++, pr.number(), actor, commitId, event, state,
                in.path("body").asText(""), now);
        reviews.add(review);
        for (int i = 0; i < drafts.size(); i++) {
            Anchor a = anchors.get(i);
            reviewComments.add(new ReviewComment(nextId++, pr.number(), review.id(), actor,
                    drafts.get(i).path("path").asText(), a.line(), a.startLine(), a.side(), commitId,
                    drafts.get(i).path("body").asText(""), now));
        }
        return ok(reviewJson(review)); // 200, not 201: that is what GitHub answers here
    }

    /** Where a draft comment lands, or null when GitHub would refuse it. Only RIGHT-side line comments are modelled. */
    private Anchor anchor(PullRequest pr, JsonNode draft) {
        ChangedFile file = findFile(pr.number(), draft.path("path").asText(null));
        if (file == null) {
            return null;
        }
        if (draft.hasNonNull("position")) { // the legacy anchoring: nth line below the first hunk header
            return file.patch() == null ? null : Diff.parse(file.patch()).atPosition(draft.get("position").asInt());
        }
        if (!draft.path("line").canConvertToInt() || !draft.path("side").asText("RIGHT").equals("RIGHT")
                || !draft.path("start_side").asText("RIGHT").equals("RIGHT")) {
            return null;
        }
        int line = draft.get("line").asInt();
        Integer start = draft.hasNonNull("start_line") ? draft.get("start_line").asInt() : null;
        if (start != null && start >= line) {
            return null;
        }
        if (file.patch() == null) { // e.g. a large new file: GitHub omits the patch but every line is commentable
            boolean ok = file.status().equals("added") && line >= 1 && (start == null || start >= 1);
            return ok ? new Anchor(line, start, "RIGHT") : null;
        }
        Diff diff = Diff.parse(file.patch());
        int hunk = diff.hunkOf(line);
        if (hunk < 0 || (start != null && diff.hunkOf(start) != hunk)) {
            return null;
        }
        return new Anchor(line, start, "RIGHT");
    }

    /**
     * A file's patch as GitHub returns it: hunks, each starting with {@code @@ -a,b +c,d @@}. Lines c..c+d-1 of the new
     * file are commentable on the RIGHT side. A "position" counts lines below the first header (which is position 0).
     */
    private record Diff(List<String> lines, List<int[]> hunks /* {headerIndex, newStart, newCount} */,
            int[] newLineAt /* per line; -1 for headers and deletions */, int[] oldLineAt) {

        static Diff parse(String patch) {
            List<String> lines = patch.lines().toList();
            List<int[]> hunks = new ArrayList<>();
            int[] newLineAt = new int[lines.size()];
            int[] oldLineAt = new int[lines.size()];
            int oldLine = 0;
            int newLine = 0;
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.get(i);
                Matcher h = HUNK_HEADER.matcher(text);
                newLineAt[i] = -1;
                oldLineAt[i] = -1;
                if (h.matches()) {
                    oldLine = Integer.parseInt(h.group(1));
                    newLine = Integer.parseInt(h.group(3));
                    hunks.add(new int[] {i, newLine, h.group(4) == null ? 1 : Integer.parseInt(h.group(4))});
                } else if (text.startsWith("-")) {
                    oldLineAt[i] = oldLine++;
                } else if (text.startsWith("+")) {
                    newLineAt[i] = newLine++;
                } else if (!text.startsWith("\\")) { // "\ No newline at end of file" is neither side
                    oldLineAt[i] = oldLine++;
                    newLineAt[i] = newLine++;
                }
            }
            return new Diff(lines, hunks, newLineAt, oldLineAt);
        }

        int hunkOf(int line) {
            for (int h = 0; h < hunks.size(); h++) {
                if (line >= hunks.get(h)[1] && line < hunks.get(h)[1] + hunks.get(h)[2]) {
                    return h;
                }
            }
            return -1;
        }

        private int indexOf(int line) {
            for (int i = 0; i < lines.size(); i++) {
                if (newLineAt[i] == line) {
                    return i;
                }
            }
            return -1;
        }

        Integer positionOf(int line) {
            int i = indexOf(line);
            return i < 0 || hunks.isEmpty() ? null : i - hunks.get(0)[0];
        }

        /** GitHub's diff_hunk: the hunk's header and lines down to the commented one. */
        String hunkUpTo(int line) {
            int header = hunks.get(hunkOf(line))[0];
            int end = indexOf(line);
            return String.join("\n", lines.subList(header, end < header ? lines.size() : end + 1));
        }

        Anchor atPosition(int position) {
            if (hunks.isEmpty()) {
                return null;
            }
            int i = hunks.get(0)[0] + position;
            if (position < 1 || i >= lines.size() || (newLineAt[i] < 0 && oldLineAt[i] < 0)) {
                return null;
            }
            return newLineAt[i] >= 0 ? new Anchor(newLineAt[i], null, "RIGHT") : new Anchor(oldLineAt[i], null, "LEFT");
        }
    }

    // ---------------------------------------------------------------- pagination

    /** One page of {@code items}, with GitHub's Link header (prev, next, last, first) when there is more than one. */
    private <T> Response page(List<T> items, Function<T, JsonNode> json, String path, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        int size = Math.min(positiveInt(params.remove("per_page"), pageSize), pageSize);
        int page = positiveInt(params.remove("page"), 1);
        int last = Math.max(1, (items.size() + size - 1) / size);
        ArrayNode array = JSON.createArrayNode();
        items.stream().skip((long) (page - 1) * size).limit(size).map(json).forEach(array::add);

        if (last == 1 && page == 1) {
            return ok(array);
        }
        StringBuilder base = new StringBuilder(apiUrl()).append(path).append('?');
        params.forEach((k, v) -> base.append(k).append('=').append(v).append('&'));
        Function<Integer, String> link = n -> "<" + base + "page=" + n + "&per_page=" + size + ">";
        List<String> rels = new ArrayList<>();
        if (page > 1) {
            rels.add(link.apply(Math.min(page - 1, last)) + "; rel=\"prev\"");
        }
        if (page < last) {
            rels.add(link.apply(page + 1) + "; rel=\"next\"");
            rels.add(link.apply(last) + "; rel=\"last\"");
        }
        if (page > 1) {
            rels.add(link.apply(1) + "; rel=\"first\"");
        }
        return new Response(200, array, Map.of("Link", String.join(", ", rels)));
    }

    private static int positiveInt(String value, int fallback) {
        try {
            int n = value == null ? fallback : Integer.parseInt(value);
            return n >= 1 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // ---------------------------------------------------------------- JSON bodies

    private String repoApi() {
        return apiUrl() + "/repos/" + owner + "/" + repo;
    }

    /** Web pages live at the origin, without the API prefix (as on GitHub Enterprise Server). */
    private String repoWeb() {
        return origin + "/" + owner + "/" + repo;
    }

    private ObjectNode user(String login) {
        boolean bot = login.endsWith("[bot]");
        long id = login.equals(BOT_LOGIN) ? 41898282 : 1_000_000 + Math.floorMod(login.hashCode(), 9_000_000);
        ObjectNode u = JSON.createObjectNode();
        u.put("login", login);
        u.put("id", id);
        u.put("node_id", (bot ? "BOT_" : "MDQ6VXNlcj") + id);
        u.put("avatar_url", origin + "/avatars/u/" + id);
        u.put("url", apiUrl() + "/users/" + encode(login));
        u.put("html_url", origin + "/" + encode(login));
        u.put("type", bot ? "Bot" : "User");
        u.put("site_admin", false);
        return u;
    }

    private ObjectNode repositoryJson() {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", 700_000_001L);
        r.put("node_id", "R_kgDOFake0001");
        r.put("name", repo);
        r.put("full_name", owner + "/" + repo);
        r.put("private", false);
        r.set("owner", user(owner).put("type", "Organization"));
        r.put("html_url", repoWeb());
        r.put("description", "Repository served by FakeGitHub");
        r.put("fork", false);
        r.put("url", repoApi());
        r.put("pulls_url", repoApi() + "/pulls{/number}");
        r.put("issue_comment_url", repoApi() + "/issues/comments{/number}");
        r.put("git_url", "git://127.0.0.1/" + owner + "/" + repo + ".git");
        r.put("clone_url", repoWeb() + ".git");
        r.put("created_at", CLOCK_START.minusSeconds(86_400).toString());
        r.put("updated_at", CLOCK_START.toString());
        r.put("pushed_at", CLOCK_START.toString());
        r.put("default_branch", "main");
        r.put("visibility", "public");
        r.put("archived", false);
        r.put("disabled", false);
        r.put("has_issues", true);
        return r;
    }

    private ObjectNode pullJson(PullRequest pr) {
        String api = repoApi() + "/pulls/" + pr.number();
        ObjectNode p = JSON.createObjectNode();
        p.put("url", api);
        p.put("id", 800_000_000L + pr.number());
        p.put("node_id", "PR_kwDOFake" + pr.number());
        p.put("html_url", repoWeb() + "/pull/" + pr.number());
        p.put("diff_url", repoWeb() + "/pull/" + pr.number() + ".diff");
        p.put("patch_url", repoWeb() + "/pull/" + pr.number() + ".patch");
        p.put("issue_url", repoApi() + "/issues/" + pr.number());
        p.put("commits_url", api + "/commits");
        p.put("review_comments_url", api + "/comments");
        p.put("review_comment_url", repoApi() + "/pulls/comments{/number}");
        p.put("comments_url", repoApi() + "/issues/" + pr.number() + "/comments");
        p.put("statuses_url", repoApi() + "/statuses/" + pr.headSha());
        p.put("number", pr.number());
        p.put("state", "open");
        p.put("locked", false);
        p.put("title", "Pull request #" + pr.number());
        p.set("user", user("contributor"));
        p.put("body", "");
        p.put("created_at", CLOCK_START.toString());
        p.put("updated_at", CLOCK_START.toString());
        p.putNull("closed_at");
        p.putNull("merged_at");
        p.put("draft", false);
        p.put("author_association", "CONTRIBUTOR");
        p.set("head", commitPointer(pr.headRef(), pr.headSha()));
        p.set("base", commitPointer(pr.baseRef(), pr.baseSha()));
        p.put("merged", false);
        p.putNull("mergeable");
        p.put("comments", issueComments(pr.number()).size());
        p.put("review_comments", reviewComments(pr.number()).size());
        p.put("commits", 1);
        List<ChangedFile> changed = files.get(pr.number());
        p.put("additions", changed.stream().mapToInt(f -> count(f.patch(), '+')).sum());
        p.put("deletions", changed.stream().mapToInt(f -> count(f.patch(), '-')).sum());
        p.put("changed_files", changed.size());
        return p;
    }

    private ObjectNode commitPointer(String ref, String sha) {
        ObjectNode c = JSON.createObjectNode();
        c.put("label", owner + ":" + ref);
        c.put("ref", ref);
        c.put("sha", sha);
        c.set("user", user(owner).put("type", "Organization"));
        c.set("repo", repositoryJson());
        return c;
    }

    private ObjectNode fileJson(PullRequest pr, ChangedFile f) {
        int additions = count(f.patch(), '+');
        int deletions = count(f.patch(), '-');
        ObjectNode j = JSON.createObjectNode();
        j.put("sha", String.format("%040x", Math.floorMod((long) (f.filename() + f.patch()).hashCode(), 1L << 40)));
        j.put("filename", f.filename());
        j.put("status", f.status());
        j.put("additions", additions);
        j.put("deletions", deletions);
        j.put("changes", additions + deletions);
        j.put("blob_url", repoWeb() + "/blob/" + pr.headSha() + "/" + encode(f.filename()));
        j.put("raw_url", repoWeb() + "/raw/" + pr.headSha() + "/" + encode(f.filename()));
        j.put("contents_url", repoApi() + "/contents/" + encode(f.filename()) + "?ref=" + pr.headSha());
        if (f.patch() != null) { // GitHub omits the key for binary or oversized diffs
            j.put("patch", f.patch());
        }
        return j;
    }

    private ObjectNode issueCommentJson(IssueComment c) {
        ObjectNode j = JSON.createObjectNode();
        j.put("url", repoApi() + "/issues/comments/" + c.id());
        j.put("html_url", repoWeb() + "/pull/" + c.pr() + "#issuecomment-" + c.id());
        j.put("issue_url", repoApi() + "/issues/" + c.pr());
        j.put("id", c.id());
        j.put("node_id", "IC_kwDOFake" + c.id());
        j.set("user", user(c.login()));
        j.put("created_at", c.createdAt().toString());
        j.put("updated_at", c.updatedAt().toString());
        j.put("author_association", "NONE");
        j.put("body", c.body());
        j.putNull("performed_via_github_app");
        return j;
    }

    private ObjectNode reviewCommentJson(ReviewComment c) {
        ChangedFile file = findFile(c.pr(), c.path());
        Diff diff = file == null || file.patch() == null ? null : Diff.parse(file.patch());
        boolean inDiff = diff != null && c.side().equals("RIGHT") && diff.hunkOf(c.line()) >= 0;
        String url = repoApi() + "/pulls/comments/" + c.id();
        String html = repoWeb() + "/pull/" + c.pr() + "#discussion_r" + c.id();
        String pullUrl = repoApi() + "/pulls/" + c.pr();
        ObjectNode j = JSON.createObjectNode();
        j.put("url", url);
        j.put("pull_request_review_id", c.reviewId());
        j.put("id", c.id());
        j.put("node_id", "PRRC_kwDOFake" + c.id());
        j.put("diff_hunk", inDiff ? diff.hunkUpTo(c.line()) : "");
        j.put("path", c.path());
        j.put("commit_id", c.commitId());
        j.put("original_commit_id", c.commitId());
        j.set("user", user(c.login()));
        j.put("body", c.body());
        j.put("created_at", c.createdAt().toString());
        j.put("updated_at", c.createdAt().toString());
        j.put("html_url", html);
        j.put("pull_request_url", pullUrl);
        j.put("author_association", "NONE");
        ObjectNode links = j.putObject("_links");
        links.putObject("self").put("href", url);
        links.putObject("html").put("href", html);
        links.putObject("pull_request").put("href", pullUrl);
        if (c.startLine() == null) {
            j.putNull("start_line");
            j.putNull("original_start_line");
            j.putNull("start_side");
        } else {
            j.put("start_line", c.startLine());
            j.put("original_start_line", c.startLine());
            j.put("start_side", c.side());
        }
        j.put("line", c.line());
        j.put("original_line", c.line());
        j.put("side", c.side());
        Integer position = inDiff ? diff.positionOf(c.line()) : null;
        if (position == null) {
            j.putNull("position");
        } else {
            j.put("position", position);
        }
        j.put("original_position", position == null ? 1 : position);
        j.put("subject_type", "line");
        return j;
    }

    private ObjectNode reviewJson(Review r) {
        String html = repoWeb() + "/pull/" + r.pr() + "#pullrequestreview-" + r.id();
        String pullUrl = repoApi() + "/pulls/" + r.pr();
        ObjectNode j = JSON.createObjectNode();
        j.put("id", r.id());
        j.put("node_id", "PRR_kwDOFake" + r.id());
        j.set("user", user(r.login()));
        j.put("body", r.body());
        j.put("state", r.state());
        j.put("html_url", html);
        j.put("pull_request_url", pullUrl);
        j.put("author_association", "NONE");
        ObjectNode links = j.putObject("_links");
        links.putObject("html").put("href", html);
        links.putObject("pull_request").put("href", pullUrl);
        if (!r.state().equals("PENDING")) {
            j.put("submitted_at", r.submittedAt().toString());
        }
        j.put("commit_id", r.commitId());
        return j;
    }

    // ---------------------------------------------------------------- small helpers

    private PullRequest pull(int number) {
        PullRequest pr = pulls.get(number);
        if (pr == null) {
            throw new IllegalStateException("register pull request #" + number + " first");
        }
        return pr;
    }

    private ChangedFile findFile(int pr, String filename) {
        return files.getOrDefault(pr, List.of()).stream()
                .filter(f -> f.filename().equals(filename)).findFirst().orElse(null);
    }

    private IssueComment findIssueComment(long id) {
        return issueComments.stream().filter(c -> c.id() == id).findFirst().orElse(null);
    }

    private Instant tick() {
        return CLOCK_START.plusSeconds(++clock);
    }

    private static int count(String patch, char sign) {
        return patch == null ? 0 : (int) patch.lines().filter(l -> l.startsWith(String.valueOf(sign))).count();
    }

    private static String token(String authorization) {
        if (authorization == null) {
            return null;
        }
        for (String scheme : List.of("token ", "bearer ")) {
            if (authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return authorization.substring(scheme.length()).trim();
            }
        }
        return null;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The "body" member of a JSON request body, or null when it is missing or the JSON is broken. */
    private static String bodyField(String body) {
        JsonNode in = parse(body);
        return in != null && in.path("body").isTextual() ? in.get("body").asText() : null;
    }

    private static String encode(String path) {
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    private Map<String, String> rateLimitHeaders(boolean exhausted) {
        int used = exhausted ? 5000 : Math.min(requests.size(), 4999);
        return Map.of(
                "x-ratelimit-limit", "5000",
                "x-ratelimit-remaining", String.valueOf(5000 - used),
                "x-ratelimit-used", String.valueOf(used),
                "x-ratelimit-reset", String.valueOf(rateLimitReset),
                "x-ratelimit-resource", "core");
    }

    private static ObjectNode message(String message, String documentationUrl) {
        ObjectNode j = JSON.createObjectNode();
        j.put("message", message);
        j.put("documentation_url", documentationUrl);
        return j;
    }

    private static Response ok(JsonNode body) {
        return new Response(200, body, Map.of());
    }

    private static Response error(int status, String message, String documentationUrl) {
        return new Response(status, message(message, documentationUrl), Map.of());
    }

    private static Response notFound() {
        return error(404, "Not Found", DOCS);
    }

    private static Response unprocessable(String why) {
        ObjectNode j = message("Unprocessable Entity", DOCS + "/pulls/reviews#create-a-review-for-a-pull-request");
        j.putArray("errors").add(why);
        return new Response(422, j, Map.of());
    }

    private static Response invalidBody() {
        return error(422, "Invalid request.\n\n\"body\" wasn't supplied.", DOCS + "/issues/comments");
    }

    private static String reason(int status) {
        return switch (status) {
            case 500 -> "Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 401 -> "Bad credentials";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 422 -> "Unprocessable Entity";
            default -> "HTTP " + status;
        };
    }
}
