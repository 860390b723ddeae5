package dev.siam4j.examples.cli;

import dev.siam4j.core.gguf.GgufArray;
import dev.siam4j.core.gguf.GgufFile;
import dev.siam4j.core.gguf.GgufFormatException;
import dev.siam4j.core.gguf.GgufTensorInfo;
import dev.siam4j.core.gguf.GgufValue;
import dev.siam4j.core.gguf.GgufValueType;
import dev.siam4j.core.jsonl.Json;
import java.io.IOException;
import java.io.PrintWriter;
import dev.siam4j.core.FileAccessException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code siam4j gguf}: Inspects GGUF files. */
@Command(
    name = "gguf",
    mixinStandardHelpOptions = true,
    description = "Inspects GGUF files.",
    subcommands = {GgufCommand.Inspect.class})
final class GgufCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (inspect)");
  }

  /** {@code siam4j gguf inspect FILE}: metadata and tensor table. */
  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a GGUF file's header, metadata and tensor table.",
        "With --json: JSON lines, one for the header, one per metadata entry, one per tensor."
      })
  static final class Inspect implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the GGUF file")
    Path file;

    @Option(names = "--json", description = "write JSON lines instead of text")
    boolean json;

    @Option(
        names = "--array-limit",
        paramLabel = "N",
        defaultValue = "16",
        description = "array elements shown per metadata array, 0 for all (default: ${DEFAULT-VALUE})")
    int arrayLimit;

    @Option(names = "--output", paramLabel = "FILE", description = "write here instead of stdout")
    Path output;

    @Override
    public Integer call() throws IOException {
      if (arrayLimit < 0) {
        throw new UsageException("--array-limit must not be negative, was " + arrayLimit);
      }
      if (!Files.isRegularFile(file)) {
        throw new UsageException("no such file: " + file);
      }
      GgufFile gguf;
      try {
        gguf = GgufFile.read(file);
      } catch (GgufFormatException e) {
        throw new UsageException(e.getMessage());
      } catch (FileAccessException e) {
        throw new UsageException(e.getMessage());
      }
      if (output != null) {
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
          PrintWriter out = new PrintWriter(w);
          print(gguf, out);
          out.flush();
        }
      } else {
        PrintWriter out = spec.commandLine().getOut();
        print(gguf, out);
        out.flush();
      }
      return 0;
    }

    private void print(GgufFile gguf, PrintWriter out) {
      if (json) {
        printJson(gguf, out);
      } else {
        printText(gguf, out);
      }
    }

    private void printText(GgufFile g, PrintWriter out) {
      out.printf(
          "%s: GGUF v%d, %d metadata entries, %d tensors, alignment %d, data at byte %d%n",
          g.path(), g.version(), g.metadata().size(), g.tensors().size(), g.alignment(), g.dataOffset());
      out.println("metadata:");
      for (Map.Entry<String, GgufValue> e : g.metadata().entrySet()) {
        GgufValue v = e.getValue();
        String shown =
            v.type() == GgufValueType.ARRAY
                ? describeArray(v.asArray())
                : v.type() == GgufValueType.STRING ? quote(v.asString()) : scalar(v).toString();
        out.printf("  %s = %s (%s)%n", e.getKey(), shown, v.type());
      }
      out.println("tensors:");
      int width = g.tensors().stream().mapToInt(t -> t.name().length()).max().orElse(0);
      for (GgufTensorInfo t : g.tensors()) {
        out.printf(
            "  %-" + Math.max(width, 1) + "s  %-7s %-24s offset %d, %d bytes%n",
            t.name(), t.type(), t.shape(), t.offset(), t.byteSize());
      }
    }

    private String describeArray(GgufArray a) {
      int shown = arrayLimit == 0 ? a.size() : Math.min(a.size(), arrayLimit);
      StringBuilder s = new StringBuilder("[").append(a.elementType()).append(" x ").append(a.size());
      if (shown > 0) {
        s.append(": ");
        for (int i = 0; i < shown; i++) {
          if (i > 0) {
            s.append(", ");
          }
          Object e = a.elements().get(i);
          s.append(e instanceof String ? quote((String) e) : e instanceof GgufArray ? describeArray((GgufArray) e) : e);
        }
        if (shown < a.size()) {
          s.append(", ...");
        }
      }
      return s.append(']').toString();
    }

    private static String quote(String s) {
      return Json.toLine(s);
    }

    private void printJson(GgufFile g, PrintWriter out) {
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("kind", "header");
      header.put("file", g.path().toString());
      header.put("version", g.version());
      header.put("alignment", g.alignment());
      header.put("dataOffset", g.dataOffset());
      header.put("metadataCount", g.metadata().size());
      header.put("tensorCount", g.tensors().size());
      out.println(Json.toLine(header));
      for (Map.Entry<String, GgufValue> e : g.metadata().entrySet()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "metadata");
        line.put("key", e.getKey());
        line.put("type", e.getValue().type().name());
        if (e.getValue().type() == GgufValueType.ARRAY) {
          GgufArray a = e.getValue().asArray();
          line.put("elementType", a.elementType().name());
          line.put("count", a.size());
          line.put("values", jsonArray(a));
          line.put("truncated", arrayLimit != 0 && a.size() > arrayLimit);
        } else {
          line.put("value", scalar(e.getValue()));
        }
        out.println(Json.toLine(line));
      }
      for (GgufTensorInfo t : g.tensors()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "tensor");
        line.put("name", t.name());
        line.put("type", t.type().name());
        line.put("shape", t.shape());
        line.put("offset", t.offset());
        line.put("bytes", t.byteSize());
        out.println(Json.toLine(line));
      }
    }

    private List<Object> jsonArray(GgufArray a) {
      int shown = arrayLimit == 0 ? a.size() : Math.min(a.size(), arrayLimit);
      List<Object> values = new ArrayList<>(shown);
      for (int i = 0; i < shown; i++) {
        Object e = a.elements().get(i);
        if (e instanceof GgufArray) {
          values.add(jsonArray((GgufArray) e));
        } else if (a.elementType() == GgufValueType.UINT64) {
          values.add(new BigInteger(Long.toUnsignedString((Long) e)));
        } else {
          values.add(e);
        }
      }
      return values;
    }

    private static Object scalar(GgufValue v) {
      if (v.type() == GgufValueType.UINT64) {
        return new BigInteger(Long.toUnsignedString(v.asLong()));
      }
      return v.value();
    }
  }
}
