package io.schemagate.jenkins;

/**
 * A POSIX shell script that imitates the schemagate CLI for the tests: it writes the JSON and dotenv reports it is
 * asked for (with --report FORMAT=PATH), prints the GITHUB_TOKEN it was given, and exits with FAKE_EXIT (default 0).
 * No backslashes and no triple quotes, so it can sit in a pipeline script between ''' quotes.
 */
final class FakeCli {
    static final String FILE = "fake-schemagate";
    /** The step's command: sh runs the script from the workspace, so it needs no executable bit. */
    static final String COMMAND = "sh " + FILE;

    static final String SCRIPT = """
            #!/bin/sh
            mode=$2
            json=
            dotenv=
            while [ $# -gt 0 ]; do
              case $1 in
                --report)
                  case $2 in
                    json=*) json=${2#json=} ;;
                    dotenv=*) dotenv=${2#dotenv=} ;;
                  esac
                  shift 2 ;;
                *) shift ;;
              esac
            done
            echo "fake schemagate $mode: token=${GITHUB_TOKEN:-none}"
            if [ -n "$json" ]; then
              mkdir -p "$(dirname "$json")"
              cat > "$json" <<EOF
            {"dir": "db", "format": "atlas", "files": [{"name": "db/2_drop.sql", "new": true, "error": null,
             "diagnostics": [{"code": "DS103", "severity": "error", "pos": 40, "line": 3, "column": 1,
                              "message": "dropping column <b>email</b> loses its data"}]}],
             "summary": {"files": 1, "errors": 1, "warnings": 0}}
            EOF
            fi
            if [ -n "$dotenv" ]; then
              mkdir -p "$(dirname "$dotenv")"
              if [ "$mode" = push ]; then
                echo "ref=registry.example.com/shop/migrations:abc123" > "$dotenv"
                echo "digest=sha256:0123abcd" >> "$dotenv"
              else
                echo "errors=1" > "$dotenv"
                echo "warnings=0" >> "$dotenv"
              fi
            fi
            exit "${FAKE_EXIT:-0}"
            """;

    private FakeCli() {}

    /** A scripted pipeline that writes the fake CLI into the workspace on the built-in node, then runs body. */
    static String pipeline(String body) {
        return "node {\n  writeFile file: '" + FILE + "', text: '''" + SCRIPT + "'''\n" + body + "\n}\n";
    }
}
