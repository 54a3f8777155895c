package io.stow.it.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium, driven through Debian's chromedriver by Selenium, as {@code
 * .ci/test-env.sh} installs them and records them in {@code browser.properties}. The driver's path
 * is given to Selenium's service, so Selenium skips Selenium Manager (which would look for, and may
 * download, a browser and a driver); each browser gets a fresh profile directory.
 */
public final class Browser implements AutoCloseable {

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts a headless chromium with a profile in {@code profileDir} (empty or missing). */
  public static Browser start(Path profileDir) {
    Properties paths = paths();
    Path chromium = existing(paths, "chromium");
    Path chromedriver = existing(paths, "chromedriver");
    try {
      Files.createDirectories(profileDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profileDir.toAbsolutePath(),
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Saves a PNG of the viewport to {@code file}. */
  public Path screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whatever a script answers ({@code return ...}). */
  public Object script(String script) {
    return driver.executeScript(script);
  }

  @Override
  public void close() {
    driver.quit();
  }

  /** Where screenshots go: {@code stow-it/target/screenshots}. */
  public static Path screenshots() {
    return Path.of(System.getProperty("basedir", ".")).resolve("target/screenshots");
  }

  private static Properties paths() {
    Path file =
        Path.of(System.getenv().getOrDefault("STOW_TEST_ENV_DIR", "/tmp/stow-test-env"))
            .resolve("browser.properties");
    if (!Files.isRegularFile(file)) {
      fail(
          "no %s: run .ci/test-env.sh first (as root it installs Debian's chromium and"
              + " chromium-driver and records their paths there)",
          file);
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static Path existing(Properties paths, String key) {
    String value = paths.getProperty(key);
    if (value == null || !Files.isExecutable(Path.of(value))) {
      fail(
          "browser.properties names no executable %s (%s); run .ci/test-env.sh as root, or"
              + " apt-get install chromium chromium-driver",
          key, value);
    }
    return Path.of(value);
  }
}
