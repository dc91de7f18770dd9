package org.layer45.cli.probe;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header row, a rule, left-aligned columns sized to their widest cell. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    List<String> lines() {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns && i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                String cell = i < r.length ? r[i] : "";
                line.append(i == columns - 1 ? cell : String.format("%-" + (width[i] + 2) + "s", cell));
            }
            out.add(line.toString().stripTrailing());
            if (n == 0) {
                StringBuilder rule = new StringBuilder("  ");
                for (int i = 0; i < columns; i++) {
                    rule.append("-".repeat(width[i])).append(i == columns - 1 ? "" : "  ");
                }
                out.add(rule.toString());
            }
        }
        return out;
    }
}
