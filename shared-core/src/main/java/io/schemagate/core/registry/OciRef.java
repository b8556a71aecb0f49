package io.schemagate.core.registry;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code oci://HOST[:PORT]/REPOSITORY[:TAG|@DIGEST]}.
 *
 * @param registry   host with optional port, as written
 * @param repository the repository path, lower case, {@code /}-separated
 * @param tag        the tag; null when none was given or a digest was
 * @param digest     the manifest digest ({@code sha256:…}); null unless given
 */
public record OciRef(String registry, String repository, String tag, String digest) {
    private static final Pattern REGISTRY = Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    /** @throws RegistryException of kind {@link RegistryException.Kind#BAD_REFERENCE} */
    public static OciRef parse(String text) throws RegistryException {
        if (text == null || !text.startsWith("oci://")) {
            throw bad(text, "it must start with oci://");
        }
        String rest = text.substring("oci://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw bad(text, "expected oci://HOST[:PORT]/REPOSITORY");
        }
        String registry = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        if (!REGISTRY.matcher(registry).matches()) {
            throw bad(text, "\"" + registry + "\" is not a registry host[:port]");
        }
        String tag = null;
        String digest = null;
        int at = path.indexOf('@');
        if (at >= 0) {
            digest = path.substring(at + 1);
            path = path.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw bad(text, "\"" + digest + "\" is not a sha256 digest");
            }
        } else {
            int colon = path.lastIndexOf(':');
            if (colon >= 0) {
                tag = path.substring(colon + 1);
                path = path.substring(0, colon);
                if (!TAG.matcher(tag).matches()) {
                    throw bad(text, "\"" + tag + "\" is not a valid tag");
                }
            }
        }
        if (!REPOSITORY.matcher(path).matches()) {
            throw bad(text, "\"" + path + "\" is not a repository name (lower case, digits, . _ - and /)");
        }
        return new OciRef(registry, path, tag, digest);
    }

    /** Checks a tag given on its own ({@code --tag}). */
    public static void checkTag(String tag) throws RegistryException {
        if (!TAG.matcher(tag).matches()) {
            throw new RegistryException(RegistryException.Kind.BAD_REFERENCE, "\"" + tag + "\" is not a valid tag");
        }
    }

    private static RegistryException bad(String text, String why) {
        return new RegistryException(RegistryException.Kind.BAD_REFERENCE, "bad registry reference \"" + text + "\": " + why);
    }

    /** The tag or digest to fetch: the digest if given, else the tag, else {@code latest}. */
    public String reference() {
        return digest != null ? digest : tag != null ? tag : "latest";
    }

    public Optional<String> tagOrDigest() {
        return Optional.ofNullable(digest != null ? digest : tag);
    }

    /** The host without port or brackets. */
    public String host() {
        if (registry.startsWith("[")) {
            return registry.substring(1, registry.indexOf(']'));
        }
        int colon = registry.lastIndexOf(':');
        return colon < 0 ? registry : registry.substring(0, colon);
    }

    /** {@code oci://registry/repository} */
    public String repositoryUrl() {
        return "oci://" + registry + "/" + repository;
    }

    public OciRef withDigest(String d) {
        return new OciRef(registry, repository, null, d);
    }

    @Override
    public String toString() {
        return repositoryUrl() + (digest != null ? "@" + digest : tag != null ? ":" + tag : "");
    }
}
