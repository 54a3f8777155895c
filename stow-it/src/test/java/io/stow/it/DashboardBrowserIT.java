package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.support.Browser;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.InProcessDaemon;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real headless chromium (Debian's, through chromedriver), in front of a daemon
 * that reconciles the real Docker engine from the fake GitLab: after a deployment, a deployment
 * that fails verification and is rolled back, and one whose stow.yaml names a container {@code
 * <script>...}. Screenshots go to {@code stow-it/target/screenshots/}.
 */
class DashboardBrowserIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String TOKEN = "glpat-SENTINEL-dashboard-61c2";
  static final Duration CONVERGE = Duration.ofSeconds(120);
  static final String ENV_SCRIPT = "<script>alert('env')</script>";
  static final String NAME_SCRIPT = "<script>alert('name')</script>";

  final ImageRef image = TestImages.get().first();
  final FakeGitLab gitlab = FakeGitLab.start();
  final FakeProject project;
  InProcessDaemon daemon;
  Browser browser;

  @TempDir Path temp;

  DashboardBrowserIT() {
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    project = gitlab.createProject("ops/deployments").member("host-bot");
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
      if (daemon != null) {
        daemon.close();
      }
    } finally {
      gitlab.close();
    }
  }

  @Test
  void theDashboard_showsARealReconcile_aRolledBackOne_andAScriptInANameAsText() {
    String deployment = docker.name("dash");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main",
            "v1",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("30s", "1s")
                    .container(
                        StowYaml.Container.of(web, image)
                            .command("sleep", "3600")
                            .env("GREETING", ENV_SCRIPT))
                    .render()));
    Path config =
        DaemonConfigDir.at(
                temp.resolve("etc"),
                gitlab,
                "ops/deployments",
                TOKEN,
                "host-1",
                temp.resolve("state"))
            .write();
    daemon = InProcessDaemon.start(config, docker);
    DaemonClient client = daemon.client();
    client.awaitIdle(CONVERGE);
    String hash1 = client.status(v1).path("current_hash").asText();
    browser = Browser.start(temp.resolve("profile"));
    ChromeDriver page = browser.driver();

    // 1. after the real reconcile of v1
    page.get(client.baseUrl() + "/?refresh=0");

    assertThat(page.getTitle()).isEqualTo("stow: " + deployment + " (running)");
    assertThat(text(page, "#deployment-name")).isEqualTo(deployment);
    assertThat(fact(page, "commit")).isEqualTo(v1);
    assertThat(fact(page, "deployment hash")).isEqualTo(hash1);
    assertThat(fact(page, "state")).isEqualTo("running");
    assertThat(fact(page, "since"))
        .matches("20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ \\(.* ago\\)");
    List<WebElement> row = page.findElements(By.cssSelector("#containers tr.container td"));
    assertThat(row.stream().map(WebElement::getText).toList().subList(0, 4))
        .containsExactly(web, "running", "no check", "0");
    WebElement badge = page.findElement(By.id("badge"));
    assertThat(badge.getAttribute("alt")).isEqualTo("stow: running");
    assertThat((Long) browser.script("return document.getElementById('badge').naturalWidth;"))
        .as("the inline SVG badge is allowed by the page's policy and drawn")
        .isPositive();
    WebElement newest = page.findElement(By.cssSelector("#runs details.run"));
    assertThat(newest.getAttribute("data-result")).isEqualTo("succeeded");
    assertThat(newest.getAttribute("open")).isNotNull();
    assertThat(newest.getText())
        .contains("reconcile")
        .contains(v1.substring(0, 12))
        .contains("1 new, 0 replaced, 0 removed, 0 unchanged")
        .contains(web)
        .contains("missing")
        .contains("passed after");
    assertThat(page.getPageSource())
        .doesNotContain("alert('env')")
        .doesNotContain("alert(&#39;env");
    assertNoScriptRan(page);
    browser.screenshot(Browser.screenshots().resolve("dashboard-running.png"));

    // 2. v2 fails verification and is rolled back to v1
    String v2 =
        project.commit(
            "main",
            "v2",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("4s", "2s")
                    .container(
                        StowYaml.Container.of(web, image).shell("exit 3").restartPolicy("no"))
                    .render()));
    assertThat(client.trigger(v2).statusCode()).isEqualTo(202);
    client.awaitStatus(v2, "error", CONVERGE, s -> idleAnd(s, "error"));
    page.navigate().refresh();

    assertThat(fact(page, "state")).isEqualTo("error");
    assertThat(fact(page, "commit")).as("rolled back to v1").isEqualTo(v1);
    WebElement failed = page.findElement(By.cssSelector("#runs details.run"));
    assertThat(failed.getAttribute("data-result")).isEqualTo("failed-rolled-back");
    assertThat(failed.getText())
        .contains(v2.substring(0, 12))
        .contains("failed after")
        .contains("restore-previous, succeeded");
    assertThat(failed.findElements(By.cssSelector("table.timeline tr"))).hasSizeGreaterThan(1);
    assertThat(page.findElements(By.cssSelector("#runs details.run"))).hasSize(2);
    browser.screenshot(Browser.screenshots().resolve("dashboard-rolled-back.png"));

    // 3. v3 names a container <script>...: refused before anything changes, the reason is text
    String v3 =
        project.commit(
            "main",
            "v3",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("30s", "1s")
                    .container(
                        StowYaml.Container.of(web + NAME_SCRIPT, image).command("sleep", "1"))
                    .render()));
    assertThat(client.trigger(v3).statusCode()).isEqualTo(202);
    JsonNode refused = client.awaitStatus(v3, "error", CONVERGE, s -> idleAnd(s, "error"));
    page.navigate().refresh();

    WebElement third = page.findElement(By.cssSelector("#runs details.run"));
    assertThat(third.getAttribute("data-result")).isEqualTo("failed-before-changes");
    assertThat(third.findElement(By.cssSelector(".error")).getText())
        .contains("'" + web + NAME_SCRIPT + "' is not a valid container name");
    assertThat(fact(page, "last error")).contains(web + NAME_SCRIPT);
    assertThat(refused.path("last_error").asText()).contains(NAME_SCRIPT);
    assertNoScriptRan(page);
    browser.screenshot(Browser.screenshots().resolve("dashboard-failed.png"));

    // 4. on a phone: nothing scrolls sideways
    page.manage().window().setSize(new Dimension(390, 844));
    page.navigate().refresh();
    assertThat((Long) browser.script("return document.documentElement.scrollWidth;"))
        .as("the page is as wide as the phone's screen, less the scroll bar")
        .isLessThanOrEqualTo((Long) browser.script("return document.documentElement.clientWidth;"));
    assertThat(text(page, "#deployment-name")).isEqualTo(deployment);
    browser.screenshot(Browser.screenshots().resolve("dashboard-phone.png"));
  }

  static boolean idleAnd(JsonNode status, String state) {
    return status.path("phase").asText().equals("idle")
        && status.path("state").asText().equals(state);
  }

  static String text(ChromeDriver page, String css) {
    return page.findElement(By.cssSelector(css)).getText();
  }

  /** The value of the deployment's fact {@code name}. */
  static String fact(ChromeDriver page, String name) {
    List<WebElement> terms = page.findElements(By.cssSelector("#deployment dt"));
    for (WebElement term : terms) {
      if (term.getText().equals(name)) {
        return term.findElement(By.xpath("following-sibling::dd[1]")).getText();
      }
    }
    throw new AssertionError("no fact '" + name + "' on the page");
  }

  /** No script element anywhere, and no alert opened. */
  void assertNoScriptRan(ChromeDriver page) {
    assertThat((Long) browser.script("return document.getElementsByTagName('script').length;"))
        .isZero();
    assertThatThrownBy(() -> page.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }
}
