package io.stow.cli;

import io.stow.engine.pin.ImagePinner;
import io.stow.engine.pin.PinReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import joptsimple.OptionParser;
import joptsimple.OptionSet;

/**
 * {@code stow pin DIR}: pins every image of DIR's Compose file that has a tag but no digest to the
 * digest its registry serves now (through the local Docker engine), editing the file in place.
 * Exits 1 when an image is left unpinned (interpolated or reached through an anchor), since the
 * folder would not deploy.
 */
final class PinCommand implements Command {

  private final CliComposition composition;

  PinCommand(CliComposition composition) {
    this.composition = composition;
  }

  @Override
  public String name() {
    return "pin";
  }

  @Override
  public String arguments() {
    return "DIR";
  }

  @Override
  public String summary() {
    return "pin each image of DIR's Compose file to its registry digest, editing the file in place";
  }

  @Override
  public void declare(OptionParser parser) {}

  @Override
  public int run(OptionSet options, Console console) {
    Path dir = Arguments.singleDirectory(options);
    PinReport report;
    try {
      report = new ImagePinner(composition::docker).pin(dir, note -> console.err().println(note));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pin " + dir + ": " + e.getMessage(), e);
    }
    for (PinReport.Pinned pinned : report.pinned()) {
      console
          .out()
          .println("pinned " + pinned.service() + ": " + pinned.from() + " -> " + pinned.to());
    }
    for (PinReport.Skipped skipped : report.skipped()) {
      console
          .err()
          .println(
              (skipped.reason().equals("already pinned") ? "" : "warning: ")
                  + skipped.service()
                  + ": "
                  + skipped.reason()
                  + (skipped.image().isEmpty() ? "" : " (" + skipped.image() + ")"));
    }
    console
        .out()
        .println(
            report.file()
                + ": "
                + report.pinned().size()
                + " image"
                + (report.pinned().size() == 1 ? "" : "s")
                + " pinned"
                + (report.unpinned() == 0 ? "" : ", " + report.unpinned() + " left unpinned"));
    return report.unpinned() == 0 ? StowCli.OK : StowCli.FAILED;
  }
}
