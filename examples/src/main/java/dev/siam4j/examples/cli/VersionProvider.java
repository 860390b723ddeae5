package dev.siam4j.examples.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Siam4jCli.class.getPackage().getImplementationVersion();
    return new String[] {"siam4j " + (v == null ? "dev" : v)};
  }
}
