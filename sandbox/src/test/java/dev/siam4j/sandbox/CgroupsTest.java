package dev.siam4j.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the sandbox picks a cgroup v2 group, on a folder tree laid out like a cgroup2 mount. */
final class CgroupsTest {
  @TempDir Path mount;

  private List<String[]> cgroup2At(String root) {
    return List.of(new String[] {"/", mount.resolve("v1").toString(), "cgroup", "memory"},
        new String[] {root, mount.toString(), "cgroup2", ""});
  }

  /** A group whose parent gives it {@code controllers}; a busy group refuses to pass them on. */
  private Path group(String name, String controllers, String enabled, boolean busy)
      throws IOException {
    Path dir = name.isEmpty() ? mount : Files.createDirectories(mount.resolve(name));
    Files.writeString(dir.resolve("cgroup.controllers"), controllers);
    if (busy) {
      // writing to a folder fails the way the kernel's EBUSY does: an IOException
      Files.createDirectory(dir.resolve("cgroup.subtree_control"));
    } else {
      Files.writeString(dir.resolve("cgroup.subtree_control"), enabled);
    }
    return dir;
  }

  @Test
  void ownGroup_withTheControllersEnabled_isUsedAsItIs() throws IOException {
    Path own = group("app", "cpu memory pids", "memory pids", false);
    StringBuilder whyNot = new StringBuilder();

    assertThat(Cgroups.v2Base(cgroup2At("/"), Optional.of("/app"), whyNot)).contains(own);
    assertThat(Files.readString(own.resolve("cgroup.subtree_control"))).isEqualTo("memory pids");
    assertThat(whyNot).isEmpty();
  }

  @Test
  void ownGroup_thatCanEnableThem_getsThemEnabled() throws IOException {
    Path own = group("app", "memory pids", "", false);

    assertThat(Cgroups.v2Base(cgroup2At("/"), Optional.of("/app"), new StringBuilder()))
        .contains(own);
    assertThat(Files.readString(own.resolve("cgroup.subtree_control")))
        .isEqualTo("+memory +pids");
  }

  @Test
  void busyOwnGroup_fallsBackToTheRoot_andSaysWhy() throws IOException {
    Path root = group("", "cpu memory pids", "cpu", false);
    Path own = group("app", "memory pids", "", true);
    StringBuilder whyNot = new StringBuilder();

    assertThat(Cgroups.v2Base(cgroup2At("/"), Optional.of("/app"), whyNot)).contains(root);
    assertThat(Files.readString(root.resolve("cgroup.subtree_control")))
        .isEqualTo("+memory +pids");
    assertThat(whyNot.toString()).contains("cgroup v2 group " + own);
  }

  @Test
  void containerWhoseOnlyGroupHoldsProcesses_getsNoGroup_andTheFix() throws IOException {
    Path root = group("", "cpu memory pids", "", true);
    StringBuilder whyNot = new StringBuilder();

    assertThat(Cgroups.v2Base(cgroup2At("/"), Optional.of("/"), whyNot)).isEmpty();
    assertThat(whyNot.toString())
        .contains("cgroup v2 group " + root)
        .contains("cannot give its sub-groups the memory and pids controllers")
        .contains("echo $$ > /sys/fs/cgroup/init/cgroup.procs")
        .containsOnlyOnce("cgroup v2 group");
  }

  @Test
  void controllersBoundToVersion1_areNotLookedFor() throws IOException {
    group("", "cpu", "", false);
    group("app", "", "", false);
    StringBuilder whyNot = new StringBuilder();

    assertThat(Cgroups.v2Base(cgroup2At("/"), Optional.of("/app"), whyNot)).isEmpty();
    assertThat(whyNot).isEmpty();
  }

  @Test
  void mountOfASubtree_onlyOffersOurOwnGroup() throws IOException {
    group("", "memory pids", "", false);
    Path own = group("app", "memory pids", "", true);
    StringBuilder whyNot = new StringBuilder();

    // the mount shows the hierarchy from /ctr on: its top folder is not the hierarchy's root
    assertThat(Cgroups.v2Base(cgroup2At("/ctr"), Optional.of("/ctr/app"), whyNot)).isEmpty();
    assertThat(whyNot.toString()).contains("cgroup v2 group " + own);
  }
}
