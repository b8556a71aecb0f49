package io.schemagate.jenkins;

import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONException;
import net.sf.json.JSONObject;

/**
 * Reads the findings out of {@code --report json=PATH} (README, "--format json"): files[].name and
 * files[].diagnostics[] with code, severity, line and message. Parsed with Jenkins core's json-lib.
 */
final class ReportJson {
    private ReportJson() {}

    /** @throws JSONException when the text is not a JSON object */
    static List<Finding> findings(String json) {
        List<Finding> findings = new ArrayList<>(); // a mutable ArrayList: XStream stores it in build.xml
        JSONArray files = JSONObject.fromObject(json).optJSONArray("files");
        if (files == null) {
            return findings;
        }
        for (int i = 0; i < files.size(); i++) {
            JSONObject file = files.optJSONObject(i);
            JSONArray diagnostics = file == null ? null : file.optJSONArray("diagnostics");
            if (diagnostics == null) {
                continue;
            }
            String name = file.optString("name", "");
            for (int j = 0; j < diagnostics.size(); j++) {
                JSONObject d = diagnostics.optJSONObject(j);
                if (d != null) {
                    findings.add(new Finding(name, d.optInt("line", 0), d.optString("code", ""),
                            d.optString("severity", ""), d.optString("message", "")));
                }
            }
        }
        return findings;
    }
}
