package io.schemagate.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * What the schemagateLint and schemagatePush steps run: their named arguments turned into a schemagate command line,
 * the credentials to bind around it, and the build result its exit code asks for. Pure functions, so the shared
 * library's steps and the Jenkins plugin (which compiles this file too) decide the same way; every decision about
 * migrations lives in the CLI itself.
 */
class SchemagateCli implements Serializable {
    /** Named arguments that become a CLI option with a value. */
    static final Map<String, String> LINT_OPTIONS = [
            dir: '--dir', dirFormat: '--dir-format', devUrl: '--dev-url', dialect: '--dialect',
            gitBase: '--git-base', base: '--base', latest: '--latest', config: '--config', failOn: '--fail-on',
            statementTimeout: '--statement-timeout', lockTimeout: '--lock-timeout',
            networkTimeout: '--network-timeout']
    static final Map<String, String> PLAN_OPTIONS = [
            dir: '--dir', dirFormat: '--dir-format', devUrl: '--dev-url', dialect: '--dialect', to: '--to',
            config: '--config', failOn: '--fail-on', statementTimeout: '--statement-timeout',
            lockTimeout: '--lock-timeout', networkTimeout: '--network-timeout']
    static final Map<String, String> PUSH_OPTIONS = [
            dir: '--dir', dirFormat: '--dir-format', to: '--to', networkTimeout: '--network-timeout']
    /** Named arguments that belong to the step, not to the CLI. */
    static final List<String> LINT_STEP_ARGUMENTS = ['command', 'reportDir', 'gate', 'comment', 'suggestions',
            'devPrivileged', 'githubCredentialsId', 'gitlabCredentialsId', 'devUrlCredentialsId', 'junit',
            'warningsNg', 'archive']
    static final List<String> PLAN_STEP_ARGUMENTS = ['command', 'reportDir', 'gate', 'comment', 'devPrivileged',
            'githubCredentialsId', 'gitlabCredentialsId', 'devUrlCredentialsId', 'archive']
    static final List<String> PUSH_STEP_ARGUMENTS = ['command', 'reportDir', 'tag', 'insecure',
            'registryCredentialsId', 'onlyPrimary', 'onlyIfSuccessful']
    static final List<String> GATES = ['error', 'unstable']
    static final String DEFAULT_REPORT_DIR = 'schemagate-reports'
    /** What schemagatePush writes: ref= and digest= lines. */
    static final String PUSH_REPORT = 'push.env'

    /** The report files a lint writes, by format, under the report directory. */
    static final Map<String, String> LINT_REPORTS = [
            junit: 'junit.xml', sarif: 'schemagate.sarif', json: 'report.json', markdown: 'report.md',
            dotenv: 'summary.env']

    /** The report files schema plan writes, by format: the plan as JSON, its comment's Markdown, a dotenv summary. */
    static final Map<String, String> PLAN_REPORTS = [json: 'plan.json', markdown: 'plan.md', dotenv: 'plan.env']

    /** The arguments after the command for schemagateLint(args). */
    @NonCPS
    static List<String> lintArguments(Map args) {
        check('schemagateLint', args, LINT_OPTIONS.keySet() + LINT_STEP_ARGUMENTS)
        gate(args) // refuse a bad gate before anything runs
        List<String> argv = ['migrate', 'lint']
        argv.addAll(options(args, LINT_OPTIONS))
        if (args.comment == false) {
            argv.addAll(['--no-github-comment', '--no-gitlab-comment'])
        }
        if (args.suggestions == false) {
            argv.addAll(['--no-github-suggestions', '--no-gitlab-suggestions'])
        }
        if (args.devPrivileged == true) {
            argv.add('--dev-privileged')
        }
        if (args.devUrl != null && args.devUrlCredentialsId != null) {
            throw new IllegalArgumentException('schemagateLint: give devUrl or devUrlCredentialsId, not both')
        }
        argv.addAll(['--format', 'text'])
        LINT_REPORTS.each { format, file -> argv.addAll(['--report', format + '=' + reportPath(args, file)]) }
        return argv
    }

    /** The arguments after the command for schemagatePlan(args): schema plan, nothing written to the directory. */
    @NonCPS
    static List<String> planArguments(Map args) {
        check('schemagatePlan', args, PLAN_OPTIONS.keySet() + PLAN_STEP_ARGUMENTS)
        gate(args)
        if (args.to == null) {
            throw new IllegalArgumentException("schemagatePlan: 'to' is required, the desired schema, e.g. to: 'file://db/schema.sql'")
        }
        if (args.devUrl != null && args.devUrlCredentialsId != null) {
            throw new IllegalArgumentException('schemagatePlan: give devUrl or devUrlCredentialsId, not both')
        }
        List<String> argv = ['schema', 'plan']
        argv.addAll(options(args, PLAN_OPTIONS))
        if (args.comment == false) {
            argv.addAll(['--no-github-comment', '--no-gitlab-comment'])
        }
        if (args.devPrivileged == true) {
            argv.add('--dev-privileged')
        }
        PLAN_REPORTS.each { format, file -> argv.addAll(['--report', format + '=' + reportPath(args, file)]) }
        return argv
    }

    /** The report files schemagatePlan(args) writes. */
    @NonCPS
    static List<String> planReports(Map args) {
        return PLAN_REPORTS.values().collect { reportPath(args, it) }
    }

    /** The arguments after the command for schemagatePush(args). */
    @NonCPS
    static List<String> pushArguments(Map args) {
        check('schemagatePush', args, PUSH_OPTIONS.keySet() + PUSH_STEP_ARGUMENTS)
        if (args.to == null) {
            throw new IllegalArgumentException("schemagatePush: 'to' is required, e.g. to: 'oci://registry.example.com/shop/migrations'")
        }
        List<String> argv = ['migrate', 'push']
        argv.addAll(options(args, PUSH_OPTIONS))
        tags(args.tag).each { argv.addAll(['--tag', it]) }
        if (args.insecure == true) {
            argv.add('--insecure')
        }
        argv.addAll(['--report', 'dotenv=' + reportPath(args, PUSH_REPORT)])
        return argv
    }

    /**
     * The credentials to bind around the command, each as [kind, credentialsId, variables]: kind 'string' binds a
     * secret text to variable, 'usernamePassword' binds usernameVariable and passwordVariable. The CLI reads these
     * variables (never a command-line argument, which the log and the process list would show) and masks them.
     */
    @NonCPS
    static List<Map<String, String>> credentials(Map args) {
        List<Map<String, String>> bindings = []
        if (args.githubCredentialsId) {
            bindings.add([kind: 'string', credentialsId: args.githubCredentialsId as String, variable: 'GITHUB_TOKEN'])
        }
        if (args.gitlabCredentialsId) {
            bindings.add([kind: 'string', credentialsId: args.gitlabCredentialsId as String, variable: 'GITLAB_TOKEN'])
        }
        if (args.devUrlCredentialsId) {
            bindings.add([kind: 'string', credentialsId: args.devUrlCredentialsId as String,
                    variable: 'SCHEMAGATE_DEV_URL'])
        }
        if (args.registryCredentialsId) {
            bindings.add([kind: 'usernamePassword', credentialsId: args.registryCredentialsId as String,
                    usernameVariable: 'SCHEMAGATE_REGISTRY_USERNAME', passwordVariable: 'SCHEMAGATE_REGISTRY_PASSWORD'])
        }
        return bindings
    }

    /**
     * The sh script of a step. Tracing off first: Jenkins runs sh with -x, which would print the command line (and a
     * password in a devUrl) to the log. Then the reports an earlier build left are removed, so a run that stops early
     * cannot pass off old results as its own; a report directory that is a symbolic link (a pull request can commit
     * one) is refused, so nothing is written or archived through it. Exit 2 for both, like the CLI's bad input.
     */
    @NonCPS
    static String script(Map args, List<String> argv, List<String> reports) {
        String dir = ((args.reportDir ?: DEFAULT_REPORT_DIR) as String).replaceAll('/+$', '')
        List<String> lines = ['set +x']
        List<String> parts = dir.split('/') as List<String>
        for (int i = 0; i < parts.size(); i++) {
            if (parts[i] && parts[i] != '.') {
                String prefix = parts.subList(0, i + 1).join('/')
                lines.add("if [ -L ${quote(prefix)} ]; then echo ${quote(prefix + ' is a symbolic link: schemagate does not write reports through one')} >&2; exit 2; fi".toString())
            }
        }
        lines.add('rm -f -- ' + reports.collect { quote(it) }.join(' ') + ' || exit 2')
        lines.add(shellLine(args.command as String, argv))
        return lines.join('\n')
    }

    /** The report files schemagateLint(args) writes. */
    @NonCPS
    static List<String> lintReports(Map args) {
        return LINT_REPORTS.values().collect { reportPath(args, it) }
    }

    /** One POSIX shell line: the command as given (it may be 'java -jar schemagate.jar'), each argument quoted. */
    @NonCPS
    static String shellLine(String command, List<String> argv) {
        return ([command ?: 'schemagate'] + argv.collect { quote(it) }).join(' ')
    }

    /** How a failed gate shows on the build: 'error' (FAILURE, the pipeline stops) or 'unstable' (it goes on). */
    @NonCPS
    static String gate(Map args) {
        String gate = args.gate == null ? 'error' : args.gate as String
        if (!GATES.contains(gate)) {
            throw new IllegalArgumentException("schemagateLint: gate must be one of ${GATES.join(', ')}, not '${gate}'")
        }
        return gate
    }

    /**
     * The build result of a lint, and why. Exit 1 is the gate (a finding at or above failOn) only when this run wrote
     * its summary with a finding in it: a wrapper, a missing jar or a too-old Java also exit 1, and those must not
     * read as the gate. The gate follows the gate argument; everything else fails the build.
     *
     * @param summary the dotenv summary this run wrote, or null when it wrote none
     */
    @NonCPS
    static Map<String, String> lintOutcome(int exitCode, String gate, Map<String, String> summary) {
        return gateOutcome('schemagateLint', exitCode, gate, summary == null ? null : summary.errors,
                summary == null ? null : summary.warnings)
    }

    /** As {@link #lintOutcome}, for schema plan: its summary counts the plan's findings ({@code plan_errors}, …). */
    @NonCPS
    static Map<String, String> planOutcome(int exitCode, String gate, Map<String, String> summary) {
        return gateOutcome('schemagatePlan', exitCode, gate, summary == null ? null : summary.plan_errors,
                summary == null ? null : summary.plan_warnings)
    }

    /** @param errors null when this run wrote no summary */
    @NonCPS
    private static Map<String, String> gateOutcome(String step, int exitCode, String gate, String errors, String warnings) {
        if (exitCode == 0) {
            return [result: 'SUCCESS', message: "${step}: passed".toString()]
        }
        if (exitCode == 1 && errors != null && count(errors) + count(warnings) > 0) {
            return [result: gate == 'unstable' ? 'UNSTABLE' : 'FAILURE',
                    message: "${step}: the gate failed (exit 1): ${plural(count(errors), 'error')} and ${plural(count(warnings), 'warning')}; see the report".toString()]
        }
        return failure(step, exitCode)
    }

    /** The build result of a push: anything but success fails the build. */
    @NonCPS
    static Map<String, String> pushOutcome(int exitCode) {
        String step = 'schemagatePush'
        if (exitCode == 0) {
            return [result: 'SUCCESS', message: "${step}: pushed".toString()]
        }
        if (exitCode == 1) {
            return [result: 'FAILURE', message: "${step}: a tag that never moves already holds another directory (exit 1); the log above names it".toString()]
        }
        return failure(step, exitCode)
    }

    @NonCPS
    private static Map<String, String> failure(String step, int exitCode) {
        switch (exitCode) {
            case 2: return [result: 'FAILURE', message: "${step}: bad input or usage (exit 2); the log above says which".toString()]
            case 3: return [result: 'FAILURE',
                            message: "${step}: the database, registry or network failed (exit 3); the log above says which".toString()]
            case 126: case 127: return [result: 'FAILURE',
                            message: "${step}: schemagate could not be run (exit ${exitCode}); is it on the agent's PATH, or is 'command' right?".toString()]
            default: return [result: 'FAILURE',
                            message: "${step}: schemagate did not complete (exit ${exitCode}); the log above says why".toString()]
        }
    }

    @NonCPS
    private static String plural(int n, String noun) {
        return n + ' ' + noun + (n == 1 ? '' : 's')
    }

    @NonCPS
    private static int count(String value) {
        return value ==~ /[0-9]{1,9}/ ? value as int : 0
    }

    /**
     * Why schemagatePush does not push in this build, or null when it should. Only the primary branch pushes
     * (onlyPrimary: false pushes from anywhere; Jenkins sets BRANCH_IS_PRIMARY only where the branch source marks a
     * primary branch), and only a build that is still successful (onlyIfSuccessful: false pushes after an UNSTABLE
     * lint too).
     *
     * @param currentResult the build's result so far (Jenkins' currentBuild.currentResult), null when unknown
     */
    @NonCPS
    static String pushSkipped(Map args, Map env, String currentResult) {
        if (args.onlyIfSuccessful != false && currentResult != null && currentResult != 'SUCCESS') {
            return "schemagatePush: not pushing from a build that is ${currentResult}; onlyIfSuccessful: false pushes anyway".toString()
        }
        if (args.onlyPrimary == false) {
            return null
        }
        if (env.CHANGE_ID) {
            return "schemagatePush: not pushing from change request ${env.CHANGE_ID}; only the primary branch pushes".toString()
        }
        if (env.BRANCH_NAME && env.BRANCH_IS_PRIMARY != 'true') {
            return ("schemagatePush: not pushing from branch ${env.BRANCH_NAME}: Jenkins does not mark it as the primary" +
                    " branch (BRANCH_IS_PRIMARY); if your branch source marks none, push from a when { branch 'main' }" +
                    " stage with onlyPrimary: false").toString()
        }
        return null // the primary branch, or a job that is not multibranch
    }

    /** The archiveArtifacts pattern for the reports of schemagateLint(args): those files only, nothing else there. */
    @NonCPS
    static String archivePattern(Map args) {
        return lintReports(args).join(',')
    }

    /** NAME=VALUE lines of a dotenv report. */
    @NonCPS
    static Map<String, String> dotenv(String text) {
        Map<String, String> values = [:]
        (text ?: '').readLines().each { line ->
            int eq = line.indexOf('=')
            if (eq > 0) {
                values[line.substring(0, eq).trim()] = line.substring(eq + 1).trim()
            }
        }
        return values
    }

    @NonCPS
    static String reportPath(Map args, String file) {
        String dir = (args.reportDir ?: DEFAULT_REPORT_DIR) as String
        return dir.endsWith('/') ? dir + file : dir + '/' + file
    }

    @NonCPS
    private static List<String> options(Map args, Map<String, String> flags) {
        List<String> argv = []
        flags.each { name, flag ->
            if (args[name] != null) {
                argv.addAll([flag, args[name] as String])
            }
        }
        return argv
    }

    @NonCPS
    private static List<String> tags(Object tag) {
        if (tag == null) {
            return []
        }
        return tag instanceof Collection ? tag.collect { it as String } : [tag as String]
    }

    @NonCPS
    private static void check(String step, Map args, Collection<String> known) {
        List<String> unknown = args.keySet().findAll { !known.contains(it as String) }.collect { it as String }
        if (unknown) {
            throw new IllegalArgumentException("${step}: unknown argument${unknown.size() > 1 ? 's' : ''} " +
                    "${unknown.sort().join(', ')}; known: ${known.sort().join(', ')}")
        }
    }

    @NonCPS
    private static String quote(String argument) {
        if (argument ==~ /[A-Za-z0-9_@%+=:,.\/-]+/) {
            return argument
        }
        return "'" + argument.replace("'", "'\"'\"'") + "'"
    }
}
