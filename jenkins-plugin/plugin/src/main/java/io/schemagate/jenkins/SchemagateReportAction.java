package io.schemagate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The build's "schemagate findings" page: the findings of one lint's JSON report, kept with the build. A build that
 * lints several directories gets one page each (schemagate, schemagate-2, ...).
 */
public class SchemagateReportAction implements RunAction2 {
    private final String urlName;
    private final String report;
    private final List<Finding> findings;
    private transient Run<?, ?> run;

    SchemagateReportAction(String urlName, String report, List<Finding> findings) {
        this.urlName = urlName;
        this.report = report;
        this.findings = new ArrayList<>(findings);
    }

    /** Adds the page for the report at {@code report} (its path, shown on the page) to the build. */
    static void attach(Run<?, ?> run, String report, List<Finding> findings) {
        int earlier = run.getActions(SchemagateReportAction.class).size();
        String urlName = earlier == 0 ? "schemagate" : "schemagate-" + (earlier + 1);
        run.addAction(new SchemagateReportAction(urlName, report, findings));
    }

    @Override
    public String getIconFileName() {
        return "symbol-document-text";
    }

    @Override
    public String getDisplayName() {
        return "schemagate findings";
    }

    @Override
    public String getUrlName() {
        return urlName;
    }

    public String getReport() {
        return report;
    }

    public List<Finding> getFindings() {
        return Collections.unmodifiableList(findings);
    }

    /** The build, for the page's side panel. */
    @CheckForNull
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
