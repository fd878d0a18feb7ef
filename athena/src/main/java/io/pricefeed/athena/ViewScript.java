package io.pricefeed.athena;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the local view definitions ({@code athena/local/views.sql}) into {@link LakeView}s.
 *
 * <p>The file stays plain SQL that can be read and pasted into a DuckDB shell; the only
 * structure is a comment line before each statement:
 * {@code -- @view <name> files=<glob>} and {@code -- @empty <name>}. Anything malformed is
 * a packaging bug, so it fails loudly with the line number rather than producing a lake
 * with a view missing.
 */
final class ViewScript {
    private static final Pattern DIRECTIVE = Pattern.compile("^--\\s*@(\\S+)\\s*(.*)$");
    private static final Pattern VIEW_ARGS = Pattern.compile("^(\\w+)\\s+files=(\\S+)$");
    private static final Pattern EMPTY_ARGS = Pattern.compile("^(\\w+)$");

    private ViewScript() {
    }

    static List<LakeView> load(String resource) {
        try (InputStream in = ViewScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("View definitions " + resource + " are not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    static List<LakeView> parse(String text, String source) {
        Map<String, String> globs = new LinkedHashMap<>();
        Map<String, String> overFiles = new LinkedHashMap<>();
        Map<String, String> whenEmpty = new LinkedHashMap<>();

        Block block = null;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Matcher directive = DIRECTIVE.matcher(line);
            if (directive.matches()) {
                if (block != null) {
                    block.store(overFiles, whenEmpty, source);
                }
                block = Block.start(directive.group(1), directive.group(2).strip(), i + 1, source, globs);
            } else if (line.isEmpty() || line.startsWith("--")) {
                continue;
            } else if (block == null) {
                throw new IllegalStateException(source + " line " + (i + 1)
                        + ": SQL before the first '-- @view' line belongs to no view");
            } else {
                block.sql.append(lines[i]).append('\n');
            }
        }
        if (block != null) {
            block.store(overFiles, whenEmpty, source);
        }

        List<LakeView> views = new ArrayList<>();
        for (Map.Entry<String, String> view : globs.entrySet()) {
            String name = view.getKey();
            String glob = view.getValue();
            String files = overFiles.get(name);
            String empty = whenEmpty.get(name);
            if (empty == null) {
                throw new IllegalStateException(source + ": view '" + name + "' has no '-- @empty " + name + "' form");
            }
            // The glob that decides which form to use must be the one the view reads, or an
            // unlucky lake would pick the file form and fail on the very error it avoids.
            String reads = "'" + LakeView.LAKE_PLACEHOLDER + "/" + glob + "'";
            if (!files.contains(reads)) {
                throw new IllegalStateException(source + ": view '" + name + "' is declared over files=" + glob
                        + " but its statement does not read " + reads);
            }
            views.add(new LakeView(name, glob, files, empty));
        }
        for (String name : whenEmpty.keySet()) {
            if (!globs.containsKey(name)) {
                throw new IllegalStateException(source + ": '-- @empty " + name + "' has no '-- @view " + name + "'");
            }
        }
        if (views.isEmpty()) {
            throw new IllegalStateException(source + " defines no views");
        }
        return views;
    }

    /** The lines following one directive, up to the next. */
    private static final class Block {
        final boolean empty;
        final String name;
        final int line;
        final StringBuilder sql = new StringBuilder();

        private Block(boolean empty, String name, int line) {
            this.empty = empty;
            this.name = name;
            this.line = line;
        }

        static Block start(String kind, String args, int line, String source, Map<String, String> globs) {
            switch (kind) {
                case "view": {
                    Matcher m = VIEW_ARGS.matcher(args);
                    if (!m.matches()) {
                        throw new IllegalStateException(source + " line " + line
                                + ": expected '-- @view <name> files=<glob>', got '@view " + args + "'");
                    }
                    if (globs.putIfAbsent(m.group(1), m.group(2)) != null) {
                        throw new IllegalStateException(source + " line " + line + ": view '" + m.group(1)
                                + "' is defined twice");
                    }
                    return new Block(false, m.group(1), line);
                }
                case "empty": {
                    Matcher m = EMPTY_ARGS.matcher(args);
                    if (!m.matches()) {
                        throw new IllegalStateException(source + " line " + line
                                + ": expected '-- @empty <name>', got '@empty " + args + "'");
                    }
                    return new Block(true, m.group(1), line);
                }
                default:
                    throw new IllegalStateException(source + " line " + line + ": unknown directive '@" + kind
                            + "' (known: @view, @empty)");
            }
        }

        void store(Map<String, String> overFiles, Map<String, String> whenEmpty, String source) {
            String statement = sql.toString().strip();
            if (statement.endsWith(";")) {
                statement = statement.substring(0, statement.length() - 1).strip();
            }
            if (statement.isEmpty()) {
                throw new IllegalStateException(source + " line " + line + ": no statement after the directive");
            }
            Map<String, String> target = empty ? whenEmpty : overFiles;
            if (target.putIfAbsent(name, statement) != null) {
                throw new IllegalStateException(source + " line " + line + ": '" + (empty ? "@empty " : "@view ")
                        + name + "' appears twice");
            }
        }
    }
}
